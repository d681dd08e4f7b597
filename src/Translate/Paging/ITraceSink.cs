namespace MemFs.Translate.Paging;

/// <summary>
/// Receives trace steps. Reads use <see cref="NoTrace"/>, which is disabled, so the hot path builds no steps;
/// <c>vtop</c> uses a <see cref="TraceRecorder"/>. Either way the same walk runs.
/// </summary>
public interface ITraceSink
{
    bool Enabled { get; }

    void Add(TraceStep step);
}

public sealed class NoTrace : ITraceSink
{
    public static readonly NoTrace Instance = new();

    public bool Enabled => false;

    public void Add(TraceStep step)
    {
    }
}

public sealed class TraceRecorder : ITraceSink
{
    private readonly List<TraceStep> _steps = [];

    public bool Enabled => true;
    public IReadOnlyList<TraceStep> Steps => _steps;

    public void Add(TraceStep step) => _steps.Add(step);
}

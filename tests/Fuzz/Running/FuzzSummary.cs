using System.Text;

namespace MemFs.Fuzz.Running;

/// <summary>The tally of a run: cases per verdict, peak memory, slowest case, and the failing cases.</summary>
internal sealed class FuzzSummary
{
    private readonly Dictionary<Verdict, int> _counts = Enum.GetValues<Verdict>().ToDictionary(v => v, _ => 0);
    private readonly List<CaseOutcome> _failures = [];

    public int Cases { get; private set; }
    public long PeakMemory { get; private set; }
    /// <summary>The case that did the most work (CPU time).</summary>
    public CaseOutcome? Slowest { get; private set; }
    public IReadOnlyList<CaseOutcome> Failures => _failures;
    public TimeSpan Elapsed { get; set; }

    public int this[Verdict verdict] => _counts[verdict];

    public void Add(CaseOutcome outcome)
    {
        Cases++;
        _counts[outcome.Verdict]++;
        PeakMemory = Math.Max(PeakMemory, outcome.PeakMemory);
        if (Slowest is null || outcome.Work > Slowest.Work) Slowest = outcome;
        if (outcome.Failed) _failures.Add(outcome);
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine($"cases: {Cases} in {Elapsed:hh\\:mm\\:ss} ({Cases / Math.Max(1, Elapsed.TotalSeconds):F1}/s)");
        foreach (var (verdict, count) in _counts) text.AppendLine($"  {verdict,-19} {count}");
        text.AppendLine($"peak memory (working set while a case ran): {PeakMemory / (1 << 20)} MiB");
        if (Slowest is { } slow) text.AppendLine($"slowest case: {slow.Work.TotalMilliseconds:F0} ms CPU ({slow.Elapsed.TotalMilliseconds:F0} ms wall), {slow.Recipe.Describe()}");
        foreach (var failure in _failures.Take(20))
            text.AppendLine($"FAILED {failure.Verdict}: {failure.Recipe.Describe()}\n    exit {failure.ExitCode?.ToString() ?? "-"}: {failure.FirstError}");
        return text.ToString();
    }
}

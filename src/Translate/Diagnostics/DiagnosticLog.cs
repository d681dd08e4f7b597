namespace MemFs.Translate.Diagnostics;

/// <summary>
/// The diagnostics of one session, appended from any thread. An entry identical to one already logged is dropped
/// (a lazily read list can be read again after a retry); readers take a snapshot in the order entries arrived.
/// </summary>
public sealed class DiagnosticLog
{
    /// <summary>Entries past this many are counted, not kept: a corrupt image must not grow the log without bound.</summary>
    public const int MaxEntries = 10_000;

    private readonly object _gate = new();
    private readonly HashSet<Diagnostic> _seen = [];
    private readonly List<Diagnostic> _entries = [];
    private Diagnostic[]? _snapshot;
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Logs <paramref name="diagnostic"/> unless the same entry was logged before; true when it is new.</summary>
    public bool Add(Diagnostic diagnostic)
    {
        lock (_gate)
        {
            if (_entries.Count >= MaxEntries)
            {
                if (!_seen.Contains(diagnostic)) Interlocked.Increment(ref _dropped);
                return false;
            }
            if (!_seen.Add(diagnostic)) return false;
            _entries.Add(diagnostic);
            _snapshot = null;
            return true;
        }
    }

    public bool Add(string source, string location, string message) => Add(new Diagnostic(source, location, message));

    public void AddRange(string source, string location, IEnumerable<string> messages, DiagnosticKind kind = DiagnosticKind.Warning)
    {
        foreach (var message in messages) Add(new Diagnostic(source, location, message, kind));
    }

    /// <summary>Logs how a result was reached (not a problem with it); see <see cref="DiagnosticKind.Note"/>.</summary>
    public bool Note(string source, string location, string message) => Add(new Diagnostic(source, location, message, DiagnosticKind.Note));

    /// <summary>The entries logged so far, in order; later appends do not change a snapshot already taken.</summary>
    public IReadOnlyList<Diagnostic> Snapshot()
    {
        lock (_gate) return _snapshot ??= [.. _entries];
    }

    /// <summary>The snapshot as display lines ("source (location): message").</summary>
    public IReadOnlyList<string> Lines() => Snapshot().Select(d => d.ToString()).ToList();

    /// <summary>The snapshot's warnings only (what changes the result), as display lines.</summary>
    public IReadOnlyList<string> WarningLines() => Snapshot().Where(d => d.Kind == DiagnosticKind.Warning).Select(d => d.ToString()).ToList();
}

using MemFs.Fuzz.Recipes;

namespace MemFs.Fuzz.Running;

/// <summary>What one case did: its verdict, exit code (null when abandoned), wall time, peak process memory and stderr.</summary>
internal sealed record CaseOutcome(Recipe Recipe, Verdict Verdict, int? ExitCode, TimeSpan Elapsed, long PeakMemory, string Stderr)
{
    /// <summary>The CPU time the case's thread used (null where it cannot be read).</summary>
    public TimeSpan? Cpu { get; init; }

    /// <summary>The work the case did: its CPU time, or its wall time where that cannot be read.</summary>
    public TimeSpan Work => Cpu ?? Elapsed;

    public bool Failed => Verdict is not (Verdict.Ok or Verdict.CleanError);

    public string FirstError => Stderr.Split('\n').FirstOrDefault(l => l.StartsWith("memfs:", StringComparison.Ordinal)) ?? Stderr.Split('\n')[0];
}

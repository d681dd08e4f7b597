using MemFs.Fuzz.Recipes;

namespace MemFs.Fuzz.Running;

/// <summary>What one case did: its verdict, exit code (null when abandoned), time, peak process memory and stderr.</summary>
internal sealed record CaseOutcome(Recipe Recipe, Verdict Verdict, int? ExitCode, TimeSpan Elapsed, long PeakMemory, string Stderr)
{
    public bool Failed => Verdict is not (Verdict.Ok or Verdict.CleanError);

    public string FirstError => Stderr.Split('\n').FirstOrDefault(l => l.StartsWith("memfs:", StringComparison.Ordinal)) ?? Stderr.Split('\n')[0];
}

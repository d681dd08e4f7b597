namespace MemFs.Fuzz.Running;

/// <summary>Sorts a finished case into a <see cref="Verdict"/> from its exit code and stderr; a clean error names one of the <paramref name="evidence"/> paths (the image, or the --files tree a file of which is named).</summary>
internal static class CaseClassifier
{
    public static Verdict Classify(int exitCode, string stderr, IReadOnlyList<string> evidence, bool verifying)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (stderr.Contains("this is a bug in memfs", StringComparison.Ordinal) || stderr.Contains("   at ", StringComparison.Ordinal)) return Verdict.Crash;
        if (exitCode == 0 || (exitCode == 3 && verifying)) return Verdict.Ok;
        if (!lines.Any(l => l.StartsWith("memfs:", StringComparison.Ordinal))) return Verdict.Silent;
        if (exitCode == 2) return Verdict.UsageMisclassified;
        if (exitCode != 1) return Verdict.Crash;
        var error = lines.FirstOrDefault(l => l.StartsWith("memfs: error", StringComparison.Ordinal)) ?? lines.First(l => l.StartsWith("memfs:", StringComparison.Ordinal));
        return evidence.Any(e => error.Contains(e, StringComparison.Ordinal)) ? Verdict.CleanError : Verdict.UnnamedError;
    }
}

namespace MemFs.Fuzz.Running;

/// <summary>How a case ended.</summary>
internal enum Verdict
{
    /// <summary>Exit 0 (or 3 from <c>aff4 hash --verify</c> reporting mismatches).</summary>
    Ok,
    /// <summary>Exit 1 with a <c>memfs:</c> error line naming the evidence file.</summary>
    CleanError,
    /// <summary>Exit 1, but the error line does not name the evidence file (only a URN, a Windows path, a symbol search).</summary>
    UnnamedError,
    /// <summary>Exit 2 ("usage") although the command line was valid: the input was bad.</summary>
    UsageMisclassified,
    /// <summary>Non-zero exit with no <c>memfs:</c> line on stderr.</summary>
    Silent,
    /// <summary>An exception escaped, a stack trace or "this is a bug in memfs" was printed, or the exit code is not 0/1.</summary>
    Crash,
    /// <summary>The case ran past its time budget (abandoned).</summary>
    Hang,
    /// <summary>The process's memory passed the budget while the case ran.</summary>
    OverMemory,
}

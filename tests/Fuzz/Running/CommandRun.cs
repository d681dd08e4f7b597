namespace MemFs.Fuzz.Running;

/// <summary>
/// One memfs command run in-process: its exit code (null when abandoned), stdout text (bounded) and stderr, the wall
/// time, the CPU time its thread used (null where it cannot be read), the process's peak working set while it ran,
/// and the exception that escaped Main, if any.
/// </summary>
internal sealed record CommandRun(int? ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, TimeSpan? Cpu, long PeakMemory, Exception? Escaped)
{
    public bool Finished => ExitCode is not null || Escaped is not null;

    /// <summary>The work the command did: its thread's CPU time, or the wall time where that cannot be read.</summary>
    public TimeSpan Work => Cpu ?? Elapsed;
}

using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// The process's threads from the kernel's thread list (_EPROCESS.ThreadListHead): TID, TEB and the user stack the TEB's
/// _NT_TIB gives (0 when unread). No CONTEXT is written: a _KTRAP_FRAME holds only part of the registers, and a partial
/// context would read as real values of the others.
/// </summary>
public sealed class KernelThreads : IThreadSource
{
    public static readonly KernelThreads Instance = new();

    public IReadOnlyList<MinidumpThread> Threads(ProcessView process) =>
        process.System.Threads(process.Process).Threads
            .Where(t => t.Tid is > 0 and <= uint.MaxValue)
            .Select(t => new MinidumpThread((uint)t.Tid, t.Teb ?? 0, t.UserStackLimit ?? 0, t.UserStackBase ?? 0))
            .ToArray();
}

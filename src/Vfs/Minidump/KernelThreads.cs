using MemFs.Translate.Windows.Threads;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// The process's threads from the kernel's thread list (_EPROCESS.ThreadListHead): TID, TEB and the user stack the TEB's
/// _NT_TIB gives (0 when unread). No CONTEXT is written: a _KTRAP_FRAME holds only part of the registers, and a partial
/// context would read as real values of the others. No threads when the list cannot be walked (a profile without the
/// thread members): threads.txt says why.
/// </summary>
public sealed class KernelThreads : IThreadSource
{
    public static readonly KernelThreads Instance = new();

    public IReadOnlyList<MinidumpThread> Threads(ProcessView process) =>
        ReadableThreads(process)
            .Where(t => t.Tid is > 0 and <= uint.MaxValue)
            .Select(t => new MinidumpThread((uint)t.Tid, t.Teb ?? 0, t.UserStackLimit ?? 0, t.UserStackBase ?? 0))
            .ToArray();

    /// <summary>The threads the kernel's list gives, or none when it cannot be walked (threads.txt says why).</summary>
    public static IReadOnlyList<ThreadInfo> ReadableThreads(ProcessView process)
    {
        try
        {
            return process.System.Threads(process.Process).Threads;
        }
        catch (IOException)
        {
            return [];
        }
    }
}

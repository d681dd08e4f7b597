using MemFs.Translate.Windows.Threads;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// The process's threads from the kernel's thread list (_EPROCESS.ThreadListHead): TID, TEB and the user stack the TEB's
/// _NT_TIB gives (0 when unread), and a CONTEXT of the control registers where a user-mode trap frame gives them
/// (<see cref="TrapFrameContext"/>; threads.txt says for each thread which, or why none). No threads when the list
/// cannot be walked (a profile without the thread members): threads.txt says why.
/// </summary>
public sealed class KernelThreads : IThreadSource
{
    public static readonly KernelThreads Instance = new();

    public IReadOnlyList<MinidumpThread> Threads(ProcessView process) =>
        ReadableThreads(process)
            .Where(t => t.Tid is > 0 and <= uint.MaxValue)
            .Select(t => (Thread: t, Context: TrapFrameContext.Of(t)))
            .Select(t => new MinidumpThread((uint)t.Thread.Tid, t.Thread.Teb ?? 0, t.Thread.UserStackLimit ?? 0, t.Thread.UserStackBase ?? 0,
                t.Context.Bytes, t.Context.InDump ? t.Context.Note : null))
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

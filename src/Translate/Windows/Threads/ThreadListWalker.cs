using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Translate.Windows.Threads;

/// <summary>The threads on a process's _EPROCESS.ThreadListHead (_ETHREAD.ThreadListEntry links), bounded and cycle-safe.</summary>
internal static class ThreadListWalker
{
    /// <summary>Far above any real process (a few thousand threads); a longer list is corrupt or hostile.</summary>
    public const int MaxThreads = 65_536;

    public static ThreadList Walk(KernelStructReader kernel, KernelStructReader? user, ThreadLayout layout, ulong eprocess, int limit = MaxThreads)
    {
        var list = LinkedListWalker.Walk(kernel, eprocess + (ulong)layout.ThreadListHead, limit: limit);
        var reader = new ThreadReader(kernel, user, layout);
        var threads = new List<ThreadInfo>();
        var problems = new List<string>(list.Problems.Select(p => $"_EPROCESS.ThreadListHead: {p}"));
        foreach (var entry in list.Entries)
        {
            if (reader.Read(entry - (ulong)layout.ThreadListEntry, out var problem) is { } thread) threads.Add(thread);
            else problems.Add(problem!);
        }
        return new ThreadList(threads, problems);
    }
}

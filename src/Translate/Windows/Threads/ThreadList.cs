namespace MemFs.Translate.Windows.Threads;

/// <summary>A process's threads in ThreadListHead order, and every problem met walking or reading them.</summary>
public sealed record ThreadList(IReadOnlyList<ThreadInfo> Threads, IReadOnlyList<string> Problems);

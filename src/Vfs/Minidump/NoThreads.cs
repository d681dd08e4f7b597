using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>The thread source while the kernel's thread list is not walked: no threads (the ThreadList stream has count 0).</summary>
public sealed class NoThreads : IThreadSource
{
    public static readonly NoThreads Instance = new();

    public IReadOnlyList<MinidumpThread> Threads(ProcessView process) => [];
}

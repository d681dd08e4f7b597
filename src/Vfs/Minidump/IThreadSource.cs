using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>Where a process's threads come from (the kernel's thread list once it is walked); the dump lists what it gives.</summary>
public interface IThreadSource
{
    IReadOnlyList<MinidumpThread> Threads(ProcessView process);
}

namespace MemFs.Vfs.Minidump;

/// <summary>One MINIDUMP_MEMORY_INFO entry: part of a VAD whose pages share a commit state.</summary>
internal readonly record struct MemoryRegion(ulong Base, ulong AllocationBase, uint AllocationProtect, ulong Size, uint State, uint Protect, uint Type)
{
    // MEM_COMMIT, MEM_RESERVE; MEM_PRIVATE, MEM_MAPPED, MEM_IMAGE (winnt.h).
    public const uint Commit = 0x1000, Reserve = 0x2000;
    public const uint Private = 0x20000, Mapped = 0x40000, Image = 0x1000000;
}

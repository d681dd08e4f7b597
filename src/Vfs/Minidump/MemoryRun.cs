namespace MemFs.Vfs.Minidump;

/// <summary>A run of consecutive pages that hold bytes: <see cref="Length"/> bytes at <see cref="Va"/>, stored in the dump at <see cref="FileOffset"/>.</summary>
internal readonly record struct MemoryRun(ulong Va, long Length, long FileOffset)
{
    public ulong End => Va + (ulong)Length;
}

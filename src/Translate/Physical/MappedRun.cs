namespace MemFs.Translate.Physical;

/// <summary><see cref="Length"/> bytes of physical memory at <see cref="Start"/> stored at <see cref="SourceOffset"/> in the file below.</summary>
internal readonly record struct MappedRun(long Start, long Length, long SourceOffset)
{
    public long End => Start + Length;

    /// <summary>Where physical <paramref name="address"/> (inside this run) is stored in the file.</summary>
    public long SourceOffsetOf(long address) => SourceOffset + (address - Start);
}

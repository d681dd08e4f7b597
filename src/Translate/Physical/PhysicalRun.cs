namespace MemFs.Translate.Physical;

/// <summary>A backed range of physical addresses.</summary>
public readonly record struct PhysicalRun(long Start, long Length)
{
    public long End => Start + Length;

    public bool Contains(long address) => address >= Start && address - Start < Length;

    public override string ToString() => $"0x{Start:X}-0x{End:X} ({Length:N0} bytes)";
}

namespace MemFs.Translate.Extended;

/// <summary>
/// A byte in the extended physical space: physical memory, paging file <see cref="PagefileNumber"/>, the
/// mapped file <see cref="FilePath"/> (the path the kernel names it by), or a compressed-store page, at <see cref="Offset"/>.
/// </summary>
public readonly record struct ExtendedLocation(BackingKind Kind, long Offset, int PagefileNumber = -1, string? FilePath = null)
{
    public static ExtendedLocation Physical(long address) => new(BackingKind.Physical, address);

    public static ExtendedLocation Pagefile(int number, long offset) => new(BackingKind.Pagefile, offset, number);

    public static ExtendedLocation File(string path, long offset) => new(BackingKind.File, offset, FilePath: path);

    /// <summary>Byte <paramref name="inPage"/> of the compressed-store page with <paramref name="key"/> (the key is the page number).</summary>
    public static ExtendedLocation Compressed(uint key, long inPage) => new(BackingKind.Compressed, ((long)key << 12) + inPage);

    /// <summary>The page key of a <see cref="BackingKind.Compressed"/> location.</summary>
    public uint StoreKey => (uint)(Offset >> 12);

    public ExtendedLocation Plus(long delta) => this with { Offset = Offset + delta };

    public override string ToString() => Kind switch
    {
        BackingKind.Physical => $"physical 0x{Offset:X}",
        BackingKind.Pagefile => $"pagefile {PagefileNumber} @ 0x{Offset:X}",
        BackingKind.Compressed => $"compressed store page key 0x{StoreKey:X8} + 0x{Offset & 0xFFF:X}",
        _ => $"{FilePath} @ 0x{Offset:X}",
    };
}

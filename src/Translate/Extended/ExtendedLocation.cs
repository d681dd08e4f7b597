namespace MemFs.Translate.Extended;

/// <summary>
/// A byte in the extended physical space: physical memory, paging file <see cref="PagefileNumber"/>, or the
/// mapped file <see cref="FilePath"/> (the path the kernel names it by), at <see cref="Offset"/>.
/// </summary>
public readonly record struct ExtendedLocation(BackingKind Kind, long Offset, int PagefileNumber = -1, string? FilePath = null)
{
    public static ExtendedLocation Physical(long address) => new(BackingKind.Physical, address);

    public static ExtendedLocation Pagefile(int number, long offset) => new(BackingKind.Pagefile, offset, number);

    public static ExtendedLocation File(string path, long offset) => new(BackingKind.File, offset, FilePath: path);

    public ExtendedLocation Plus(long delta) => this with { Offset = Offset + delta };

    public override string ToString() => Kind switch
    {
        BackingKind.Physical => $"physical 0x{Offset:X}",
        BackingKind.Pagefile => $"pagefile {PagefileNumber} @ 0x{Offset:X}",
        _ => $"{FilePath} @ 0x{Offset:X}",
    };
}

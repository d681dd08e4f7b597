namespace MemFs.Vfs.Pictures;

/// <summary>
/// The colours of the categorical pictures, in one place. Green is in memory, blue comes from a file, red is
/// missing in every picture; <see cref="BytePalette"/> colours byte values.
/// </summary>
internal static class Palettes
{
    private static readonly Rgb Green = new(44, 160, 44);
    private static readonly Rgb Blue = new(31, 119, 180);
    private static readonly Rgb Red = new(214, 39, 40);
    private static readonly Rgb LightGrey = new(199, 199, 199);

    /// <summary>recovery.png: where each page of a recovered executable came from.</summary>
    public static readonly Palette<PageSource> PageSources = new(
        (PageSource.Memory, Green, "from memory"),
        (PageSource.Disk, Blue, "from disk"),
        (PageSource.DemandZero, LightGrey, "demand zero"),
        (PageSource.ZeroFilled, Red, "zero-filled"));

    /// <summary>diff.png: a recovered byte against the file on disk.</summary>
    public static readonly Palette<ByteMatch> ByteMatches = new(
        (ByteMatch.Equal, new Rgb(64, 64, 64), "equal"),
        (ByteMatch.Different, new Rgb(255, 215, 0), "different"),
        (ByteMatch.Missing, Red, "missing"));

    /// <summary>vmem.png: the state of a virtual page.</summary>
    public static readonly Palette<PageKind> PageKinds = new(
        (PageKind.Valid, Green, "valid"),
        (PageKind.Transition, new Rgb(152, 223, 138), "transition"),
        (PageKind.Pagefile, new Rgb(255, 127, 14), "pagefile"),
        (PageKind.Compressed, new Rgb(148, 103, 189), "compressed"),
        (PageKind.FileBacked, Blue, "file-backed"),
        (PageKind.DemandZero, LightGrey, "demand zero"),
        (PageKind.Reserved, new Rgb(235, 235, 235), "reserved"),
        (PageKind.Unresolvable, Red, "unresolvable"),
        (PageKind.FileBackedMarker, new Rgb(227, 119, 194), "Win11 file PTE"));
}

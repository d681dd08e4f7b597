namespace MemFs.Vfs.Pictures;

/// <summary>
/// Which kind a scaled pixel covering several pages shows: the most informative one present, in the order
/// unresolvable, Windows 11 file-backed PTE, pagefile, compressed, transition, file-backed, valid, demand zero, reserved, so a problem page or a page
/// outside RAM is never hidden by its neighbours.
/// </summary>
internal static class PageKindPriority
{
    /// <summary>Every kind, most informative first.</summary>
    public static readonly IReadOnlyList<PageKind> Order =
        [PageKind.Unresolvable, PageKind.FileBackedMarker, PageKind.Pagefile, PageKind.Compressed, PageKind.Transition, PageKind.FileBacked, PageKind.Valid, PageKind.DemandZero, PageKind.Reserved];

    private static readonly int[] Rank = RankByKind();

    public static PageKind MostInformative(PageKind a, PageKind b) => Rank[(int)a] <= Rank[(int)b] ? a : b;

    /// <summary>The most informative kind among <paramref name="count"/> pages from <paramref name="first"/> (at least one).</summary>
    public static PageKind MostInformative(IReadOnlyList<PageKind> pages, ulong first, ulong count)
    {
        ArgumentOutOfRangeException.ThrowIfZero(count);
        var end = first + count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, (ulong)pages.Count, nameof(count));
        var kind = pages[(int)first];
        for (var page = first + 1; page < end; page++) kind = MostInformative(kind, pages[(int)page]);
        return kind;
    }

    private static int[] RankByKind()
    {
        var rank = new int[Enum.GetValues<PageKind>().Length];
        for (var i = 0; i < Order.Count; i++) rank[(int)Order[i]] = i;
        return rank;
    }
}

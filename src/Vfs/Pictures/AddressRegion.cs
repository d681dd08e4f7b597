namespace MemFs.Vfs.Pictures;

/// <summary>
/// One band of vmem.png: the virtual range [<see cref="Start"/>, <see cref="End"/>) in 4 KiB pages, its label (a
/// VAD's file name or kind), and <see cref="KindOfRange"/>, which answers for a run of pages counted from the
/// region's first page — (first page, page count) → the kind to show for all of them. The picture calls it once
/// per bar pixel (at most <see cref="AddressSpacePicture.BarWidth"/> times per region), never once per page, so a
/// multi-TiB reservation costs no more than a small region; summarise a run with
/// <see cref="PageKindPriority.MostInformative(PageKind, PageKind)"/> to match the picture's rule.
/// </summary>
internal sealed record AddressRegion(ulong Start, ulong End, string Label, Func<ulong, ulong, PageKind> KindOfRange)
{
    public const ulong PageSize = 4096;

    /// <summary>Pages the region spans, a partial last page counted whole; 0 when End ≤ Start.</summary>
    public ulong Pages => End <= Start ? 0 : (End - Start) / PageSize + ((End - Start) % PageSize == 0 ? 0UL : 1UL);

    /// <summary>A region whose page kinds are all known, one entry per page from <paramref name="start"/>.</summary>
    public static AddressRegion FromPages(ulong start, string label, IReadOnlyList<PageKind> pages) =>
        new(start, start + (ulong)pages.Count * PageSize, label, (first, count) => PageKindPriority.MostInformative(pages, first, count));
}

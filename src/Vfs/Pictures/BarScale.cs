namespace MemFs.Vfs.Pictures;

/// <summary>
/// How a region's pages fill a bar of at most a given width: the bar is a row of cells, each
/// <see cref="PixelsPerCell"/> wide and covering <see cref="PagesPerCell"/> pages, one of the two always 1. A
/// region with no more pages than the width gets one cell per page, widened to at most
/// <see cref="MaxPixelsPerPage"/> pixels; a larger one gets one pixel per ceil(pages / width) pages, the last
/// cell covering what is left.
/// </summary>
internal sealed class BarScale
{
    public const int MaxPixelsPerPage = 8;

    private BarScale(ulong pages, ulong pagesPerCell, int pixelsPerCell)
    {
        Pages = pages;
        PagesPerCell = pagesPerCell;
        PixelsPerCell = pixelsPerCell;
    }

    public ulong Pages { get; }

    public ulong PagesPerCell { get; }

    public int PixelsPerCell { get; }

    public static BarScale For(ulong pages, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (pages == 0) return new BarScale(0, 1, 1);
        if (pages <= (ulong)width) return new BarScale(pages, 1, (int)Math.Min(MaxPixelsPerPage, (ulong)width / pages));
        return new BarScale(pages, DivideRoundingUp(pages, (ulong)width), 1);
    }

    public int Cells => (int)DivideRoundingUp(Pages, PagesPerCell);

    /// <summary>The bar's length in pixels.</summary>
    public int Length => Cells * PixelsPerCell;

    /// <summary>The pages cell <paramref name="cell"/> covers: its first page (from the region start) and how many.</summary>
    public (ulong First, ulong Count) PagesOf(int cell)
    {
        var first = (ulong)cell * PagesPerCell;
        return (first, Math.Min(PagesPerCell, Pages - first));
    }

    private static ulong DivideRoundingUp(ulong value, ulong divisor) => value / divisor + (value % divisor == 0 ? 0UL : 1UL);
}

namespace MemFs.Vfs.Pictures;

/// <summary>
/// <c>recovery.png</c>: one cell per page of a recovered executable, coloured by <see cref="Palettes.PageSources"/>.
/// Layout, in pixels: a <see cref="Margin"/> all round; at the top a legend of one line per source
/// (<see cref="LegendLineHeight"/> high, "from memory: N", "from disk: N", "demand zero: N", "zero-filled: N"), then after another
/// margin the grid at <see cref="GridTop"/>: <see cref="CellsPerRow"/> pages per row, each a
/// <see cref="CellSize"/>-pixel square every <see cref="CellPitch"/> pixels, page 0 at the top left and rows
/// filled left to right. <see cref="Width"/> is 520; the height grows by 8 per row of 64 pages, up to
/// <see cref="MaxPages"/> pages (a 2 GiB image); more is an <see cref="ArgumentException"/>.
/// </summary>
internal static class RecoveryPicture
{
    public const int Margin = 4;
    public const int LegendLineHeight = 12;
    public const int CellsPerRow = 64;
    public const int CellSize = 7;
    public const int CellPitch = CellSize + 1;
    public const int MaxPages = 1 << 19;
    public const int Width = 2 * Margin + CellsPerRow * CellPitch;

    private static readonly int LegendLines = Palettes.PageSources.Keys.Count;

    public static int GridTop => Margin + LegendLines * LegendLineHeight + Margin;

    public static int HeightFor(int pages) => GridTop + (pages + CellsPerRow - 1) / CellsPerRow * CellPitch + Margin;

    /// <summary>Top-left pixel of a page's cell.</summary>
    public static (int X, int Y) CellOrigin(int page) => (Margin + page % CellsPerRow * CellPitch, GridTop + page / CellsPerRow * CellPitch);

    /// <summary>Top-left pixel of the legend entry (swatch) for a source.</summary>
    public static (int X, int Y) LegendEntryOrigin(PageSource source) =>
        (Margin, Margin + Palettes.PageSources.Position(source) * LegendLineHeight);

    /// <summary>The label a legend entry shows for a source found on <paramref name="count"/> pages.</summary>
    public static string LegendLabel(PageSource source, int count) => $"{Palettes.PageSources.Label(source)}: {count}";

    /// <summary>The picture with each legend count taken from <paramref name="pages"/> themselves.</summary>
    public static RgbImage Render(IReadOnlyList<PageSource> pages) => Render(pages, source => pages.Count(p => p == source));

    /// <param name="count">The legend's count per source: the caller's, so the picture says what its report says.</param>
    public static RgbImage Render(IReadOnlyList<PageSource> pages, Func<PageSource, int> count)
    {
        if (pages.Count > MaxPages)
            throw new ArgumentException($"{pages.Count:N0} pages are too many for recovery.png (at most {MaxPages:N0})", nameof(pages));
        var image = new RgbImage(Width, HeightFor(pages.Count), PictureColours.Background);
        for (var page = 0; page < pages.Count; page++)
        {
            var (x, y) = CellOrigin(page);
            image.FillRectangle(x, y, CellSize, CellSize, Palettes.PageSources.Colour(pages[page]));
        }
        Legend.Draw(image, Palettes.PageSources, LegendEntryOrigin, s => LegendLabel(s, count(s)));
        return image;
    }
}

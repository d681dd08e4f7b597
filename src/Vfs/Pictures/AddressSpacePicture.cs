namespace MemFs.Vfs.Pictures;

/// <summary>
/// <c>vmem.png</c>: a process's address space at a glance, <see cref="Width"/> = 1024 pixels wide. At the top a
/// legend line of every <see cref="PageKind"/> (slots <see cref="LegendSlotWidth"/> apart, colours from
/// <see cref="Palettes.PageKinds"/>); from <see cref="BandsTop"/> one band <see cref="BandHeight"/> pixels high
/// per region, in the order given: the label "start-in-hex label" (at most <see cref="LabelCharacters"/>
/// characters) on the left, and from <see cref="BarLeft"/> a bar <see cref="BarHeight"/> high of the region's
/// pages, scaled by <see cref="BarScale"/> into <see cref="BarWidth"/> pixels. A pixel that covers several pages
/// shows what the region's <see cref="AddressRegion.KindOfRange"/> answers for them (the rule of
/// <see cref="PageKindPriority"/>). At most <see cref="MaxBands"/> regions are drawn; the rest are counted in a
/// final band "... N more regions", so the picture is never taller than 12,324 pixels.
/// </summary>
internal static class AddressSpacePicture
{
    public const int Width = 1024;
    public const int Margin = 4;
    public const int LegendSlotWidth = 112;
    public const int BandHeight = 12;
    public const int BarHeight = 8;
    public const int LabelCharacters = 40;
    public const int MaxBands = 1024;
    public const int BandsTop = Margin + BandHeight + Margin;
    public const int BarLeft = Margin + LabelCharacters * BitmapFont.CellWidth + Margin;
    public const int BarWidth = Width - Margin - BarLeft;

    /// <summary>Rows between a band's top and its text and bar.</summary>
    private const int BandInset = 2;

    public static int HeightFor(int regions) => BandTop(Math.Min(regions, MaxBands) + (regions > MaxBands ? 1 : 0)) + Margin;

    /// <summary>Top row of band <paramref name="band"/> (0 is the first region).</summary>
    public static int BandTop(int band) => BandsTop + band * BandHeight;

    /// <summary>Where band <paramref name="band"/>'s label text and bar begin vertically.</summary>
    public static int ContentTop(int band) => BandTop(band) + BandInset;

    public static (int X, int Y) LegendEntryOrigin(PageKind kind) => (Margin + Palettes.PageKinds.Position(kind) * LegendSlotWidth, Margin);

    public static string BandLabel(AddressRegion region)
    {
        var label = $"{region.Start:X12} {region.Label}";
        return label.Length <= LabelCharacters ? label : label[..LabelCharacters];
    }

    public static string MoreRegionsLabel(int more) => $"... {more} more regions";

    public static RgbImage Render(IReadOnlyList<AddressRegion> regions)
    {
        var image = new RgbImage(Width, HeightFor(regions.Count), PictureColours.Background);
        Legend.Draw(image, Palettes.PageKinds, LegendEntryOrigin, Palettes.PageKinds.Label);
        var bands = Math.Min(regions.Count, MaxBands);
        for (var band = 0; band < bands; band++)
        {
            var region = regions[band];
            BitmapFont.DrawText(image, Margin, ContentTop(band), BandLabel(region), PictureColours.Text);
            DrawBar(image, ContentTop(band), region);
        }
        if (regions.Count > MaxBands)
            BitmapFont.DrawText(image, Margin, ContentTop(MaxBands), MoreRegionsLabel(regions.Count - MaxBands), PictureColours.Text);
        return image;
    }

    private static void DrawBar(RgbImage image, int top, AddressRegion region)
    {
        var scale = BarScale.For(region.Pages, BarWidth);
        for (var cell = 0; cell < scale.Cells; cell++)
        {
            var (first, count) = scale.PagesOf(cell);
            var colour = Palettes.PageKinds.Colour(region.KindOfRange(first, count));
            image.FillRectangle(BarLeft + cell * scale.PixelsPerCell, top, scale.PixelsPerCell, BarHeight, colour);
        }
    }
}

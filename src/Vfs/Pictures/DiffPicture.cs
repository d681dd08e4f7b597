namespace MemFs.Vfs.Pictures;

/// <summary>
/// <c>diff.png</c>: the recovered file against the file on disk, one pixel per byte coloured by
/// <see cref="Palettes.ByteMatches"/>: equal, different, or missing (past the end of the shorter file, or inside
/// a zero-filled range of the recovered one). A legend strip <see cref="LegendHeight"/> = 16 pixels high is at
/// the top: "equal: N", "different: N", "missing: N" in slots <see cref="LegendSlotWidth"/> apart from
/// (<see cref="Margin"/>, <see cref="Margin"/>). Below it the byte area is exactly <see cref="ByteColumnLayout"/>
/// for the longer file (512 wide, its top at y = 16), so the picture is 512 × (16 + ceil(length / 512)) and at
/// most 32 MiB is compared.
/// </summary>
internal static class DiffPicture
{
    public const int Margin = 4;
    public const int LegendHeight = Margin + Legend.SwatchSize + 5;
    public const int LegendSlotWidth = 168;

    /// <summary>Pixel of byte <paramref name="index"/>, for a comparison whose longer file has <paramref name="length"/> bytes.</summary>
    public static (int X, int Y) PixelOf(long index, long length)
    {
        var (x, y) = new ByteColumnLayout(length).PixelOf(index);
        return (x, y + LegendHeight);
    }

    /// <summary>Top-left pixel of the legend entry (swatch) for <paramref name="match"/>.</summary>
    public static (int X, int Y) LegendEntryOrigin(ByteMatch match) => (Margin + Palettes.ByteMatches.Position(match) * LegendSlotWidth, Margin);

    /// <summary>The label of the legend entry for <paramref name="match"/> found on <paramref name="count"/> bytes.</summary>
    public static string LegendLabel(ByteMatch match, long count) => $"{Palettes.ByteMatches.Label(match)}: {count}";

    /// <param name="recovered">The rebuilt file.</param>
    /// <param name="onDisk">The file on disk.</param>
    /// <param name="zeroFilled">[Start, End) byte ranges of <paramref name="recovered"/> that were zero-filled, in any order.</param>
    public static RgbImage Render(ReadOnlySpan<byte> recovered, ReadOnlySpan<byte> onDisk, IReadOnlyList<(long Start, long End)>? zeroFilled = null)
    {
        var length = Math.Max(recovered.Length, onDisk.Length);
        var layout = new ByteColumnLayout(length);
        var image = new RgbImage(ByteColumnLayout.Width, LegendHeight + layout.Height, PictureColours.Background);
        image.FillRectangle(0, LegendHeight, ByteColumnLayout.Width, layout.Height, PictureColours.Padding);
        var colours = Enum.GetValues<ByteMatch>().Select(Palettes.ByteMatches.Colour).ToArray();
        var counts = new long[colours.Length];
        var holes = (zeroFilled ?? []).OrderBy(r => r.Start).ToArray();
        var hole = 0;
        for (var i = 0; i < length; i++)
        {
            // Sorted by start, a range ending at or before i can never hold a later byte either.
            while (hole < holes.Length && holes[hole].End <= i) hole++;
            var match = i >= recovered.Length || i >= onDisk.Length || (hole < holes.Length && holes[hole].Start <= i) ? ByteMatch.Missing
                : recovered[i] == onDisk[i] ? ByteMatch.Equal : ByteMatch.Different;
            counts[(int)match]++;
            var (x, y) = layout.PixelOf(i);
            image.SetPixel(x, LegendHeight + y, colours[(int)match]);
        }
        Legend.Draw(image, Palettes.ByteMatches, LegendEntryOrigin, m => LegendLabel(m, counts[(int)m]));
        return image;
    }
}

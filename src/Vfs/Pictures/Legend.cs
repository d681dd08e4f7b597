namespace MemFs.Vfs.Pictures;

/// <summary>
/// Legend entries: a <see cref="SwatchSize"/>-pixel square of the colour, then its label in
/// <see cref="BitmapFont"/> with the glyph tops level with the swatch top.
/// </summary>
internal static class Legend
{
    public const int SwatchSize = BitmapFont.GlyphHeight;
    public const int SwatchGap = 4;

    /// <summary>The x where an entry drawn at <paramref name="x"/> starts its label.</summary>
    public static int LabelLeft(int x) => x + SwatchSize + SwatchGap;

    /// <summary>Draws one entry with its swatch's top-left corner at (x, y).</summary>
    public static void DrawEntry(RgbImage image, int x, int y, Rgb colour, string label)
    {
        image.FillRectangle(x, y, SwatchSize, SwatchSize, colour);
        BitmapFont.DrawText(image, LabelLeft(x), y, label, PictureColours.Text);
    }

    /// <summary>Draws an entry for every value of <paramref name="palette"/>, the swatch of each at <paramref name="origin"/> of it.</summary>
    public static void Draw<TKey>(RgbImage image, Palette<TKey> palette, Func<TKey, (int X, int Y)> origin, Func<TKey, string> label)
        where TKey : struct, Enum
    {
        foreach (var key in palette.Keys)
        {
            var (x, y) = origin(key);
            DrawEntry(image, x, y, palette.Colour(key), label(key));
        }
    }
}

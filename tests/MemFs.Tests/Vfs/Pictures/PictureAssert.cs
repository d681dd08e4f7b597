using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

/// <summary>Checks on decoded pictures: a rectangle of one colour, a line of text drawn in the bitmap font.</summary>
internal static class PictureAssert
{
    public static void Filled(DecodedPng png, int x, int y, int width, int height, Rgb colour, string what)
    {
        var wrong = png.Rectangle(x, y, width, height).Count(p => p != colour);
        Assert.That(wrong, Is.Zero, $"{what}: {wrong} pixels of the {width}x{height} rectangle at ({x}, {y}) are not {colour}");
    }

    /// <summary>Every glyph pixel of <paramref name="text"/> at (x, y) is ink in the text colour, or else background.</summary>
    public static void Text(DecodedPng png, int x, int y, string text)
    {
        Assert.That(text.Any(c => c != ' '), "a text check needs a visible character");
        for (var i = 0; i < text.Length; i++)
        for (var row = 0; row < BitmapFont.GlyphHeight; row++)
        for (var column = 0; column < BitmapFont.GlyphWidth; column++)
        {
            var expected = BitmapFont.IsInk(text[i], column, row) ? PictureColours.Text : PictureColours.Background;
            var at = (X: x + i * BitmapFont.CellWidth + column, Y: y + row);
            Assert.That(png.Pixel(at.X, at.Y), Is.EqualTo(expected), $"\"{text}\" at ({x}, {y}): character {i} '{text[i]}', pixel ({at.X}, {at.Y})");
        }
    }
}

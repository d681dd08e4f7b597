using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class BitmapFontTests
{
    private static readonly char[] Printable = Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(c => (char)c).ToArray();

    private static string Pattern(char c) =>
        string.Concat(from row in Enumerable.Range(0, BitmapFont.GlyphHeight)
                      from column in Enumerable.Range(0, BitmapFont.GlyphWidth)
                      select BitmapFont.IsInk(c, column, row) ? '#' : '.');

    [Test]
    public void EveryVisibleCharacterHasItsOwnGlyphAndSpaceHasNone()
    {
        Assert.That(Pattern(' '), Does.Not.Contain('#'));
        foreach (var c in Printable) Assert.That(Pattern(c), Does.Contain('#'), $"'{c}'");
        var clashes = Printable.GroupBy(Pattern).Where(g => g.Count() > 1).Select(g => string.Concat(g)).ToList();
        Assert.That(clashes, Is.Empty, "characters that share a glyph");
    }

    [Test]
    public void TheSpacingColumnAndRowsAreEmpty()
    {
        foreach (var c in Printable)
        {
            for (var row = 0; row < BitmapFont.CellHeight; row++) Assert.That(BitmapFont.IsInk(c, BitmapFont.GlyphWidth, row), Is.False);
            for (var column = 0; column < BitmapFont.CellWidth; column++) Assert.That(BitmapFont.IsInk(c, column, BitmapFont.GlyphHeight), Is.False);
        }
    }

    [Test]
    public void DrawnTextDecodesToItsGlyphs()
    {
        const string text = "Az9? ~";
        var image = new RgbImage(3 + BitmapFont.MeasureWidth(text), 12, PictureColours.Background);
        var end = BitmapFont.DrawText(image, 3, 2, text, PictureColours.Text);
        Assert.That(end, Is.EqualTo(3 + text.Length * BitmapFont.CellWidth));
        PictureAssert.Text(PngDecoder.RoundTrip(image), 3, 2, text);
    }

    [Test]
    public void CharactersOutsidePrintableAsciiAreDrawnAsTheReplacement()
    {
        foreach (var c in new[] { '\u00E9', '\t', '\u2026' })
            Assert.That(Pattern(c), Is.EqualTo(Pattern(BitmapFont.Replacement)), $"U+{(int)c:X4}");
    }

    [Test]
    public void TextRunningOffThePictureIsClipped()
    {
        var image = new RgbImage(10, 5, PictureColours.Background);
        Assert.DoesNotThrow(() => BitmapFont.DrawText(image, -3, -4, "WWWWW", PictureColours.Text));
        Assert.That(Enumerable.Range(0, 10).Any(x => image.GetPixel(x, 0) == PictureColours.Text), "the part inside is drawn");
    }
}

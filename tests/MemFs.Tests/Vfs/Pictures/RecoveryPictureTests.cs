using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class RecoveryPictureTests
{
    private static PageSource[] Sources(int pages) =>
        Enumerable.Range(0, pages).Select(i => i % 25 == 7 ? PageSource.ZeroFilled : i % 10 == 3 ? PageSource.Disk : i % 40 == 11 ? PageSource.DemandZero : PageSource.Memory).ToArray();

    [TestCase(0, 60)]
    [TestCase(1, 68)]
    [TestCase(64, 68)]
    [TestCase(150, 84)]
    public void ThePictureIs520WideAndGrowsByOneCellRowPer64Pages(int pages, int height)
    {
        var png = PngDecoder.RoundTrip(RecoveryPicture.Render(Sources(pages)));
        Assert.That((png.Width, png.Height), Is.EqualTo((520, height)));
        Assert.That(RecoveryPicture.HeightFor(pages), Is.EqualTo(height));
    }

    [Test]
    public void EveryPageCellHasItsSourceColour()
    {
        var sources = Sources(150);
        var png = PngDecoder.RoundTrip(RecoveryPicture.Render(sources));
        for (var page = 0; page < sources.Length; page++)
        {
            var (x, y) = RecoveryPicture.CellOrigin(page);
            PictureAssert.Filled(png, x, y, RecoveryPicture.CellSize, RecoveryPicture.CellSize, Palettes.PageSources.Colour(sources[page]), $"page {page} ({sources[page]})");
            Assert.That(png.Pixel(x + RecoveryPicture.CellSize, y), Is.EqualTo(PictureColours.Background), $"gap after page {page}");
        }
        Assert.That(png.Pixel(RecoveryPicture.CellOrigin(3).X, RecoveryPicture.CellOrigin(3).Y), Is.EqualTo(new Rgb(31, 119, 180)), "page 3 is from disk: blue");
        var (afterX, afterY) = RecoveryPicture.CellOrigin(150);
        PictureAssert.Filled(png, afterX, afterY, RecoveryPicture.CellSize, RecoveryPicture.CellSize, PictureColours.Background, "past the last page");
    }

    [Test]
    public void TheLegendShowsEachSourceWithItsCount()
    {
        var sources = Sources(150);
        var png = PngDecoder.RoundTrip(RecoveryPicture.Render(sources));
        foreach (var source in Palettes.PageSources.Keys)
        {
            var (x, y) = RecoveryPicture.LegendEntryOrigin(source);
            PictureAssert.Filled(png, x, y, Legend.SwatchSize, Legend.SwatchSize, Palettes.PageSources.Colour(source), $"{source} swatch");
            PictureAssert.Text(png, Legend.LabelLeft(x), y, RecoveryPicture.LegendLabel(source, sources.Count(s => s == source)));
        }
        Assert.That(RecoveryPicture.LegendLabel(PageSource.Disk, 14), Is.EqualTo("from disk: 14"));
    }

    [Test]
    public void MoreThanTheMaximumNumberOfPagesIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => RecoveryPicture.Render(new PageSource[RecoveryPicture.MaxPages + 1]));
        Assert.That(error!.Message, Does.Contain("recovery.png"));
    }
}

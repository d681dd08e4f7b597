using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class BarScaleTests
{
    [TestCase(0UL, 1, 0)]
    [TestCase(1UL, 8, 8)]
    [TestCase(10UL, 8, 80)]
    [TestCase(200UL, 3, 600)]
    [TestCase(772UL, 1, 772)]
    public void UpToOnePagePerPixelEachPageIsWidenedUpToEightPixels(ulong pages, int pixelsPerPage, int length)
    {
        var scale = BarScale.For(pages, 772);
        Assert.That((scale.PagesPerCell, scale.PixelsPerCell, scale.Length), Is.EqualTo((1UL, pixelsPerPage, length)));
    }

    [TestCase(773UL, 2UL, 387)]
    [TestCase(1544UL, 2UL, 772)]
    [TestCase(1UL << 35, 44_507_434UL, 772)]
    public void LargerRegionsSharePixelsAndTheLastCellTakesTheRest(ulong pages, ulong pagesPerCell, int cells)
    {
        var scale = BarScale.For(pages, 772);
        Assert.That((scale.PagesPerCell, scale.PixelsPerCell, scale.Cells, scale.Length), Is.EqualTo((pagesPerCell, 1, cells, cells)));
        var (first, count) = scale.PagesOf(cells - 1);
        Assert.That(first + count, Is.EqualTo(pages));
        Assert.That(count, Is.InRange(1UL, pagesPerCell));
    }
}

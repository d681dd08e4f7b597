using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class RgbImageTests
{
    private static readonly Rgb Ink = new(10, 20, 30);

    [TestCase(0, 10)]
    [TestCase(10, 0)]
    [TestCase(-1, 10)]
    [TestCase(RgbImage.MaxWidth + 1, 1)]
    [TestCase(1, RgbImage.MaxHeight + 1)]
    [TestCase(RgbImage.MaxWidth, RgbImage.MaxHeight)]
    [TestCase(int.MaxValue, int.MaxValue)]
    public void AnOutOfBoundsSizeIsRefusedBeforeAnythingIsAllocated(int width, int height)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ArgumentException>(() => _ = new RgbImage(width, height, Ink));
        Assert.That(error!.Message, Does.Contain($"{width} x {height}").And.Contain("limits"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(1 << 20));
    }

    [Test]
    public void ANewPictureIsTheBackgroundColour()
    {
        var image = new RgbImage(5, 4, Ink);
        for (var y = 0; y < 4; y++)
        for (var x = 0; x < 5; x++)
            Assert.That(image.GetPixel(x, y), Is.EqualTo(Ink));
    }

    [Test]
    public void FillingIsClippedToThePicture()
    {
        var image = new RgbImage(20, 20, PictureColours.Background);
        image.FillRectangle(-5, -5, 10, 10, Ink);
        image.FillRectangle(18, 18, 100, 100, Ink);
        image.FillRectangle(30, 30, 5, 5, Ink);
        image.FillRectangle(int.MaxValue - 1, 0, int.MaxValue, 5, Ink);
        for (var y = 0; y < 20; y++)
        for (var x = 0; x < 20; x++)
        {
            var inside = (x < 5 && y < 5) || (x >= 18 && y >= 18);
            Assert.That(image.GetPixel(x, y), Is.EqualTo(inside ? Ink : PictureColours.Background), $"({x}, {y})");
        }
    }

    [TestCase(-1, 0)]
    [TestCase(3, 0)]
    [TestCase(0, 2)]
    public void SettingAPixelOutsideThePictureIsAnError(int x, int y) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(3, 2, Ink).SetPixel(x, y, Ink));
}

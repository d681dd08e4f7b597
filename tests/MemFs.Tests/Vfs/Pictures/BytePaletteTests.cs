using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class BytePaletteTests
{
    [TestCase(0x00, 0, 0, 0)]
    [TestCase(0xFF, 255, 255, 255)]
    [TestCase(0x01, 0, 96, 0)]
    [TestCase(0x1F, 0, 255, 0)]
    [TestCase(0x20, 0, 48, 96)]
    [TestCase(0x7E, 0, 127, 255)]
    [TestCase(0x7F, 96, 0, 0)]
    [TestCase(0xFE, 255, 0, 0)]
    public void ClassBoundariesHaveTheDocumentedColours(int value, int r, int g, int b) =>
        Assert.That(BytePalette.Of((byte)value), Is.EqualTo(new Rgb((byte)r, (byte)g, (byte)b)));

    [TestCase(0x01, 0x1F)]
    [TestCase(0x20, 0x7E)]
    [TestCase(0x7F, 0xFE)]
    public void HigherValuesOfAClassAreBrighter(int first, int last)
    {
        static int Brightness(Rgb c) => c.R + c.G + c.B;
        for (var value = first + 1; value <= last; value++)
            Assert.That(Brightness(BytePalette.Of((byte)value)), Is.GreaterThan(Brightness(BytePalette.Of((byte)(value - 1)))), $"0x{value:X2}");
    }

    [Test]
    public void NoByteHasThePaddingColour() =>
        Assert.That(Enumerable.Range(0, 256).Select(b => BytePalette.Of((byte)b)), Has.None.EqualTo(PictureColours.Padding));
}

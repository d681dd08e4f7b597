using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class BytePictureTests
{
    private static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + i / 97)).ToArray();

    [TestCase(0, 1)]
    [TestCase(1, 1)]
    [TestCase(512, 1)]
    [TestCase(513, 2)]
    [TestCase(5000, 10)]
    [TestCase(5121, 11)]
    public void ThePictureIs512WideAndAsHighAsTheColumnsNeed(int length, int height)
    {
        var png = PngDecoder.RoundTrip(BytePicture.Render(Pattern(length)));
        Assert.That((png.Width, png.Height), Is.EqualTo((512, height)));
        Assert.That(new ByteColumnLayout(length).Height, Is.EqualTo(height));
    }

    [Test]
    public void EachByteIsItsPaletteColourTopToBottomThenLeftToRight()
    {
        var bytes = Pattern(5000);
        var png = PngDecoder.RoundTrip(BytePicture.Render(bytes));
        const int height = 10;
        for (var i = 0; i < bytes.Length; i++)
            Assert.That(png.Pixel(i / height, i % height), Is.EqualTo(BytePalette.Of(bytes[i])), $"byte {i}");
        PictureAssert.Filled(png, 500, 0, 12, height, PictureColours.Padding, "columns past the last byte");
    }

    [Test]
    public void ARunOfZerosIsABlackColumn()
    {
        var bytes = Pattern(2048);
        Array.Clear(bytes, 4, 4);
        Array.Fill(bytes, (byte)0xFF, 8, 4);
        var png = PngDecoder.RoundTrip(BytePicture.Render(bytes));
        PictureAssert.Filled(png, 1, 0, 1, 4, new Rgb(0, 0, 0), "bytes 4-7");
        PictureAssert.Filled(png, 2, 0, 1, 4, new Rgb(255, 255, 255), "bytes 8-11");
    }

    [Test]
    public void MoreThanTheMaximumLengthIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => BytePicture.Render(new byte[ByteColumnLayout.MaxLength + 1]));
        Assert.That(error!.Message, Does.Contain($"{ByteColumnLayout.MaxLength + 1:N0} bytes"));
    }
}

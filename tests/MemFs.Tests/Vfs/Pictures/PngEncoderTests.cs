using System.Buffers.Binary;
using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class PngEncoderTests
{
    private static RgbImage Gradient(int width, int height)
    {
        var image = new RgbImage(width, height, PictureColours.Background);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            image.SetPixel(x, y, new Rgb((byte)(x * 7), (byte)(y * 11), (byte)(x ^ y)));
        return image;
    }

    private static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new RgbImage(width, height, PictureColours.Background);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
            image.SetPixel(x, y, new Rgb((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
        return image;
    }

    private static void AssertSamePixels(RgbImage image, DecodedPng png)
    {
        Assert.That((png.Width, png.Height), Is.EqualTo((image.Width, image.Height)));
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
            if (png.Pixel(x, y) != image.GetPixel(x, y))
                Assert.Fail($"pixel ({x}, {y}) decodes as {png.Pixel(x, y)}, drawn as {image.GetPixel(x, y)}");
    }

    private static List<(string Type, int Length)> Chunks(byte[] png)
    {
        var chunks = new List<(string, int)>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            chunks.Add((System.Text.Encoding.ASCII.GetString(png, at + 4, 4), length));
            at += 12 + length;
        }
        return chunks;
    }

    [Test]
    public void EveryPixelSurvivesARealDecoder()
    {
        var image = Gradient(37, 23);
        AssertSamePixels(image, PngDecoder.RoundTrip(image));
    }

    [Test]
    public void ASinglePixelPictureDecodes()
    {
        var image = new RgbImage(1, 1, new Rgb(1, 2, 3));
        AssertSamePixels(image, PngDecoder.RoundTrip(image));
    }

    [Test]
    public void TheFileIsSignatureHeaderDataAndEnd()
    {
        var png = PngEncoder.Encode(Gradient(300, 2));
        Assert.That(png[..8], Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        var chunks = Chunks(png);
        Assert.That(chunks[0], Is.EqualTo(("IHDR", 13)));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), Is.EqualTo(300));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), Is.EqualTo(2));
        Assert.That(png[24..29], Is.EqualTo(new byte[] { 8, 2, 0, 0, 0 }), "bit depth 8, truecolour, deflate, filter method 0, no interlace");
        Assert.That(chunks[^1], Is.EqualTo(("IEND", 0)));
        Assert.That(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(png.Length - 4)), Is.EqualTo(0xAE426082u));
    }

    [Test]
    public void IncompressibleDataIsSplitOverIdatChunksOfAtMostTheLimit()
    {
        var image = Noise(200, 200, 3);
        var png = PngEncoder.Encode(image);
        var idat = Chunks(png).Where(c => c.Type == "IDAT").ToList();
        Assert.That(idat, Has.Count.GreaterThan(1));
        Assert.That(idat.Max(c => c.Length), Is.LessThanOrEqualTo(PngEncoder.MaxIdatLength));
        AssertSamePixels(image, PngDecoder.Decode(png));
    }
}

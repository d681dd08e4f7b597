using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class DiffPictureTests
{
    private static byte[] Content(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 13 + 1)).ToArray();

    private static ByteMatch Expected(byte[] recovered, byte[] onDisk, (long Start, long End)[] zeroFilled, int i) =>
        i >= recovered.Length || i >= onDisk.Length || zeroFilled.Any(r => r.Start <= i && i < r.End) ? ByteMatch.Missing
        : recovered[i] == onDisk[i] ? ByteMatch.Equal : ByteMatch.Different;

    private static void AssertEveryByte(byte[] recovered, byte[] onDisk, (long Start, long End)[] zeroFilled)
    {
        var length = Math.Max(recovered.Length, onDisk.Length);
        var png = PngDecoder.RoundTrip(DiffPicture.Render(recovered, onDisk, zeroFilled));
        Assert.That((png.Width, png.Height), Is.EqualTo((512, 16 + (length + 511) / 512)));
        var counts = new Dictionary<ByteMatch, long>();
        for (var i = 0; i < length; i++)
        {
            var expected = Expected(recovered, onDisk, zeroFilled, i);
            counts[expected] = counts.GetValueOrDefault(expected) + 1;
            var (x, y) = DiffPicture.PixelOf(i, length);
            Assert.That(png.Pixel(x, y), Is.EqualTo(Palettes.ByteMatches.Colour(expected)), $"byte {i} should be {expected}");
        }
        foreach (var match in Palettes.ByteMatches.Keys)
        {
            var (x, y) = DiffPicture.LegendEntryOrigin(match);
            PictureAssert.Filled(png, x, y, Legend.SwatchSize, Legend.SwatchSize, Palettes.ByteMatches.Colour(match), $"{match} swatch");
            PictureAssert.Text(png, Legend.LabelLeft(x), y, DiffPicture.LegendLabel(match, counts.GetValueOrDefault(match)));
        }
    }

    [Test]
    public void ChangedBytesZeroFilledRangesAndTheShorterFilesEndAreMarked()
    {
        var onDisk = Content(2500);
        var recovered = Content(3000);
        foreach (var i in new[] { 10, 700, 2000 }) recovered[i] ^= 0x5A;
        Array.Clear(recovered, 1024, 512);
        AssertEveryByte(recovered, onDisk, [(1024, 1536)]);
    }

    [Test]
    public void BytesPastARecoveredFileShorterThanTheDiskFileAreMissing() =>
        AssertEveryByte(Content(700), Content(1900), []);

    [Test]
    public void ZeroFilledRangesMayOverlapAndComeInAnyOrder() =>
        AssertEveryByte(Content(4096), Content(4096), [(3000, 3100), (100, 900), (200, 300), (850, 1200), (4000, 5000)]);

    [Test]
    public void AKnownDifferenceHasTheDifferentColourAtItsDocumentedPixel()
    {
        var recovered = Content(1024);
        recovered[5] = 0;
        var png = PngDecoder.RoundTrip(DiffPicture.Render(recovered, Content(1000)));
        Assert.That(png.Pixel(2, 16 + 1), Is.EqualTo(new Rgb(255, 215, 0)), "byte 5: column 5 / 2, row 16 + 5 % 2");
        Assert.That(png.Pixel(1023 / 2, 16 + 1), Is.EqualTo(Palettes.ByteMatches.Colour(ByteMatch.Missing)), "byte 1023 is past the disk file");
    }
}

using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

public class Crc32Tests
{
    [Test]
    public void TheCheckValueOfTheStandardIsMet() => Assert.That(Crc32.Compute("123456789"u8), Is.EqualTo(0xCBF43926u));

    [Test]
    public void TheIendChunkHasItsWellKnownCrc() => Assert.That(Crc32.Compute("IEND"u8), Is.EqualTo(0xAE426082u));

    [Test]
    public void NoBytesGiveZero() => Assert.That(Crc32.Compute([]), Is.Zero);

    [Test]
    public void AppendingContinuesTheSameCrc()
    {
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        var whole = Crc32.Compute(data);
        foreach (var split in new[] { 0, 1, 499, 999, 1000 })
            Assert.That(Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)), Is.EqualTo(whole), $"split at {split}");
    }

    [Test]
    public void EveryBitFlipChangesTheCrc()
    {
        var data = "picture"u8.ToArray();
        var original = Crc32.Compute(data);
        for (var bit = 0; bit < data.Length * 8; bit++)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.That(Crc32.Compute(data), Is.Not.EqualTo(original), $"bit {bit}");
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}

using System.Buffers.Binary;
using MemFs.Translate.Windows.Symbols.Pack;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>The gzip the kernel pack is stored as: fixed header, and a trailer that zlib's gunzip accepts.</summary>
public class DeterministicGzipTests
{
    [Test]
    public void TrailerHoldsTheCrc32CheckValueAndLength()
    {
        var gzip = DeterministicGzip.Compress("123456789"u8);

        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 8)), Is.EqualTo(0xCBF43926u), "RFC 1952 CRC32 of the check string");
        Assert.That(BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4)), Is.EqualTo(9u));
    }

    [Test]
    public void GZipStreamDecodesItAndRejectsABadCrc()
    {
        var data = global::System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"n\": {i}}}\n")));
        var gzip = DeterministicGzip.Compress(data);
        Assert.That(DeterministicGzip.Decompress(gzip), Is.EqualTo(data), "GZipStream checks the trailer");

        gzip[^8] ^= 1;
        Assert.That(() => DeterministicGzip.Decompress(gzip), Throws.TypeOf<InvalidDataException>());
    }
}

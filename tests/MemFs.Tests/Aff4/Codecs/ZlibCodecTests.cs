using System.IO.Compression;
using MemFs.Aff4.Codecs;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class ZlibCodecTests
{
    private static readonly IChunkCodec Codec = ChunkCodecs.For(CompressionMethod.Zlib);

    [Test]
    public void TrailingGarbageAfterTheStreamIsIgnored()
    {
        byte[] data = CodecTestData.Repetitive(32768, seed: 11);
        byte[] chunk = CodecTestData.WithTrailing(Compress(data), 100, 0xA5);

        Assert.That(Codec.Decompress(chunk, 32768), Is.EqualTo(data));
    }

    [Test]
    public void ShortFinalChunkReturnsExactlySizedArray()
    {
        byte[] data = CodecTestData.Repetitive(1234, seed: 12);

        Assert.That(Codec.Decompress(Compress(data), 32768), Is.EqualTo(data));
    }

    [Test]
    public void RandomDataRoundTrips()
    {
        byte[] data = CodecTestData.Random(32768, seed: 13);

        Assert.That(Codec.Decompress(Compress(data), 32768), Is.EqualTo(data));
    }

    [Test]
    public void BadChecksumIsRejected()
    {
        byte[] chunk = Compress(CodecTestData.Repetitive(32768, seed: 14));
        chunk[^1] ^= 0xFF;

        Assert.That(() => Codec.Decompress(chunk, 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("offset"));
    }

    [Test]
    public void GarbageIsRejected()
    {
        byte[] chunk = CodecTestData.Random(500, seed: 15);
        chunk[0] = 0x78;
        chunk[1] = 0x9C;

        Assert.That(() => Codec.Decompress(chunk, 32768), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void TruncatedStreamIsRejected()
    {
        byte[] chunk = Compress(CodecTestData.Repetitive(32768, seed: 16));

        Assert.That(() => Codec.Decompress(chunk.AsSpan(0, chunk.Length / 2), 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("truncated"));
        Assert.That(() => Codec.Decompress(chunk.AsSpan(0, chunk.Length - 1), 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("truncated"));
    }

    [Test]
    public void EmptyChunkIsRejected()
    {
        Assert.That(() => Codec.Decompress([], 32768), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void OutputLargerThanMaxOutputIsRejected()
    {
        byte[] chunk = Compress(new byte[40000]);

        Assert.That(() => Codec.Decompress(chunk, 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("more than the chunk size 32768"));
    }

    [Test]
    public void OutputOfExactlyMaxOutputIsAccepted()
    {
        byte[] data = CodecTestData.Repetitive(32768, seed: 17);

        Assert.That(Codec.Decompress(Compress(data), 32768), Is.EqualTo(data));
    }

    internal static byte[] Compress(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest))
            zlib.Write(data);
        return buffer.ToArray();
    }
}

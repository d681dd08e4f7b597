using System.IO.Compression;
using MemFs.Aff4.Codecs;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class DeflateCodecTests
{
    private static readonly IChunkCodec Codec = ChunkCodecs.For(CompressionMethod.Deflate);

    [Test]
    public void RawDeflateDecodes()
    {
        byte[] data = CodecTestData.Repetitive(32768, seed: 21);

        Assert.That(Codec.Decompress(CompressRaw(data), 32768), Is.EqualTo(data));
    }

    [Test]
    public void ZlibWrappedStreamDecodes()
    {
        // WinPmem 3.3 / c-aff4 write zlib streams under the RFC 1951 IRI.
        byte[] data = CodecTestData.Repetitive(32768, seed: 22);

        Assert.That(Codec.Decompress(ZlibCodecTests.Compress(data), 32768), Is.EqualTo(data));
    }

    [Test]
    public void ZlibStreamPaddedToDeflateBoundDecodes()
    {
        // c-aff4 since Aug 2019 leaves the buffer at deflateBound() length: a short final chunk plus padding.
        byte[] data = CodecTestData.Repetitive(5000, seed: 23);
        byte[] stream = ZlibCodecTests.Compress(data);
        int deflateBound = data.Length + (data.Length >> 12) + (data.Length >> 14) + (data.Length >> 25) + 13;
        byte[] chunk = CodecTestData.WithTrailing(stream, deflateBound - stream.Length, 0x00);

        Assert.That(Codec.Decompress(chunk, 32768), Is.EqualTo(data));
    }

    [Test]
    public void RawDeflatePaddedWithGarbageDecodes()
    {
        byte[] data = CodecTestData.Random(3000, seed: 24);
        byte[] chunk = CodecTestData.WithTrailing(CompressRaw(data), 100, 0xEE);

        Assert.That(Codec.Decompress(chunk, 32768), Is.EqualTo(data));
    }

    [Test]
    public void RawDeflateThatLooksLikeAZlibHeaderFallsBackToRaw()
    {
        // A non-final stored block of LEN 1 starts 0x78 0x01, a valid zlib header; read as zlib, the
        // next stored block's LEN/NLEN do not match, so only the raw reading succeeds.
        byte[] chunk = [0x78, 0x01, 0x00, 0xFE, 0xFF, (byte)'X', 0x01, 0x00, 0x00, 0xFF, 0xFF];

        Assert.That(Codec.Decompress(chunk, 32768), Is.EqualTo("X"u8.ToArray()));
    }

    [Test]
    public void GarbageIsRejectedNamingBothReadings()
    {
        byte[] chunk = CodecTestData.Random(300, seed: 25);
        chunk[0] = 0x78;
        chunk[1] = 0x9C;

        Assert.That(() => Codec.Decompress(chunk, 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("zlib").And.Message.Contains("raw deflate"));
    }

    [Test]
    public void OutputLargerThanMaxOutputIsRejected()
    {
        Assert.That(() => Codec.Decompress(CompressRaw(new byte[40000]), 32768), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void CorruptedStreamsOnlyEverThrowInvalidDataException()
    {
        var random = new Random(31);
        byte[] stream = ZlibCodecTests.Compress(CodecTestData.Repetitive(32768, seed: 26));
        int rejected = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] corrupt = (byte[])stream.Clone();
            corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            int length = random.Next(2) == 0 ? corrupt.Length : random.Next(corrupt.Length);

            try
            {
                Assert.That(Codec.Decompress(corrupt.AsSpan(0, length), 32768), Has.Length.LessThanOrEqualTo(32768));
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        Assert.That(rejected, Is.GreaterThan(100));
    }

    private static byte[] CompressRaw(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal))
            deflate.Write(data);
        return buffer.ToArray();
    }
}

using MemFs.Aff4.Codecs;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class StoredCodecTests
{
    private static readonly IChunkCodec Codec = ChunkCodecs.For(CompressionMethod.Stored);

    [Test]
    public void FullChunkIsCopied()
    {
        byte[] data = CodecTestData.Random(32768, seed: 41);

        byte[] output = Codec.Decompress(data, 32768);

        Assert.That(output, Is.EqualTo(data));
        Assert.That(output, Is.Not.SameAs(data));
    }

    [Test]
    public void ShortFinalChunkReturnsExactlySizedArray()
    {
        byte[] data = CodecTestData.Random(100, seed: 42);

        Assert.That(Codec.Decompress(data, 32768), Is.EqualTo(data));
    }

    [Test]
    public void ChunkLargerThanMaxOutputIsRejected()
    {
        Assert.That(() => Codec.Decompress(new byte[32769], 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("offset 32768"));
    }

    [Test]
    public void NegativeMaxOutputIsAProgrammingError()
    {
        Assert.That(() => Codec.Decompress(new byte[1], -1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}

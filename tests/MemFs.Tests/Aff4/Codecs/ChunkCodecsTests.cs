using MemFs.Aff4.Codecs;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class ChunkCodecsTests
{
    [Test]
    public void EachMethodHasOneSharedCodecForThatMethod([Values] CompressionMethod method)
    {
        IChunkCodec codec = ChunkCodecs.For(method);

        Assert.That(codec.Method, Is.EqualTo(method));
        Assert.That(ChunkCodecs.For(method), Is.SameAs(codec));
    }

    [Test]
    public void UndefinedMethodIsAProgrammingError()
    {
        Assert.That(() => ChunkCodecs.For((CompressionMethod)99), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void CodecsDecodeConcurrently()
    {
        byte[] data = CodecTestData.Repetitive(32768, seed: 51);
        byte[] lz4 = TestLz4BlockEncoder.Encode(data);
        byte[] snappy = Snappier.Snappy.CompressToArray(data);
        byte[] zlib = ZlibCodecTests.Compress(data);
        int mismatches = 0;

        Parallel.For(0, 400, i =>
        {
            byte[] output = (i % 3) switch
            {
                0 => ChunkCodecs.For(CompressionMethod.Lz4).Decompress(lz4, 32768),
                1 => ChunkCodecs.For(CompressionMethod.Snappy).Decompress(snappy, 32768),
                _ => ChunkCodecs.For(CompressionMethod.Deflate).Decompress(zlib, 32768),
            };
            if (!output.AsSpan().SequenceEqual(data))
                Interlocked.Increment(ref mismatches);
        });

        Assert.That(mismatches, Is.Zero);
    }
}

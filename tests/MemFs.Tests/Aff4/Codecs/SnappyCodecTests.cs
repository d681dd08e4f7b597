using MemFs.Aff4.Codecs;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class SnappyCodecTests
{
    private static readonly IChunkCodec Codec = ChunkCodecs.For(CompressionMethod.Snappy);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(100)]
    [TestCase(32768)]
    public void SnappierBlocksRoundTrip(int size)
    {
        byte[] data = CodecTestData.Repetitive(size, seed: size);

        byte[] output = Codec.Decompress(Snappier.Snappy.CompressToArray(data), size);

        Assert.That(output, Is.EqualTo(data));
    }

    [Test]
    public void ShortFinalChunkReturnsExactlySizedArray()
    {
        byte[] data = CodecTestData.Random(777, seed: 1);

        byte[] output = Codec.Decompress(Snappier.Snappy.CompressToArray(data), 32768);

        Assert.That(output, Is.EqualTo(data));
    }

    [Test]
    public void HeaderClaimingFourGibibytesIsRejectedWithoutAllocating()
    {
        byte[] block = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F];
        long before = GC.GetAllocatedBytesForCurrentThread();

        Assert.That(() => Codec.Decompress(block, 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("4294967295").And.Message.Contains("offset 0"));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(64 * 1024));
    }

    [Test]
    public void HeaderLargerThanMaxOutputIsRejected()
    {
        byte[] block = Snappier.Snappy.CompressToArray(new byte[5000]);

        Assert.That(() => Codec.Decompress(block, 4096),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("5000"));
    }

    [TestCase(new byte[0], TestName = "EmptyBlockIsRejected")]
    [TestCase(new byte[] { 0x80 }, TestName = "TruncatedLengthVarintIsRejected")]
    [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, TestName = "OverlongLengthVarintIsRejected")]
    [TestCase(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 }, TestName = "LengthVarintOver32BitsIsRejected")]
    public void MalformedLengthHeaderIsRejected(byte[] block)
    {
        Assert.That(() => Codec.Decompress(block, 32768),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("offset"));
    }

    [Test]
    public void GarbageAfterAPlausibleHeaderIsRejected()
    {
        byte[] block = [0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

        Assert.That(() => Codec.Decompress(block, 32768), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void BlockShorterThanItsDeclaredLengthIsRejected()
    {
        byte[] block = Snappier.Snappy.CompressToArray(CodecTestData.Random(1000, seed: 2));

        Assert.That(() => Codec.Decompress(block.AsSpan(0, block.Length - 10), 32768), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void CorruptedBlocksOnlyEverThrowInvalidDataException()
    {
        var random = new Random(99);
        byte[] block = Snappier.Snappy.CompressToArray(CodecTestData.Repetitive(32768, seed: 6));
        int rejected = 0;
        for (int round = 0; round < 2000; round++)
        {
            byte[] corrupt = (byte[])block.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);

            try
            {
                Assert.That(Codec.Decompress(corrupt, 32768), Has.Length.LessThanOrEqualTo(32768));
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        Assert.That(rejected, Is.GreaterThan(500));
    }
}

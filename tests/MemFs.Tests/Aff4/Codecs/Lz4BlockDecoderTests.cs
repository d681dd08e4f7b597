using MemFs.Aff4.Codecs;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class Lz4BlockDecoderTests
{
    private static readonly int[] Sizes = [0, 1, 5, 13, 100, 32768, 1 << 20];

    [Test]
    public void RandomDataRoundTrips([ValueSource(nameof(Sizes))] int size)
    {
        byte[] data = CodecTestData.Random(size, seed: size);
        AssertRoundTrip(data);
    }

    [Test]
    public void RepetitiveDataRoundTrips([ValueSource(nameof(Sizes))] int size)
    {
        byte[] data = CodecTestData.Repetitive(size, seed: size);
        AssertRoundTrip(data);
    }

    [Test]
    public void RunOfOneByteCompressesToOverlappingMatchWithLongLength()
    {
        byte[] data = new byte[100_000];
        data.AsSpan().Fill(0x41);
        byte[] block = TestLz4BlockEncoder.Encode(data);

        Assert.That(block, Has.Length.LessThan(1000), "a single-byte run should become one long offset-1 match");
        AssertRoundTrip(data);
    }

    [Test]
    public void OverlappingMatchWithOffsetOneRepeatsTheByte()
    {
        // Literal 'a', match offset 1 with length 15 + 1 + 4 = 20, then an empty final literal run.
        byte[] block = [0x1F, (byte)'a', 0x01, 0x00, 0x01, 0x00];
        byte[] output = new byte[64];

        int written = Lz4BlockDecoder.Decode(block, output);

        Assert.That(written, Is.EqualTo(21));
        Assert.That(output.AsSpan(0, written).ToArray(), Is.EqualTo(Enumerable.Repeat((byte)'a', 21).ToArray()));
    }

    [Test]
    public void OverlappingMatchWithLongerPeriodRepeatsThePattern()
    {
        // Literals "abc", match offset 3 length 6 + 4 = 10, then literals "Z".
        byte[] block = [0x36, (byte)'a', (byte)'b', (byte)'c', 0x03, 0x00, 0x10, (byte)'Z'];
        byte[] output = new byte[14];

        int written = Lz4BlockDecoder.Decode(block, output);

        Assert.That(written, Is.EqualTo(14));
        Assert.That(System.Text.Encoding.ASCII.GetString(output), Is.EqualTo("abcabcabcabcaZ"));
    }

    [Test]
    public void LiteralLengthContinuationBytesAreSummed()
    {
        // 300 literals: nibble 15, then 255 and 30 (15 + 255 + 30 = 300).
        byte[] literals = CodecTestData.Random(300, seed: 7);
        byte[] block = [0xF0, 0xFF, 0x1E, .. literals];
        byte[] output = new byte[300];

        int written = Lz4BlockDecoder.Decode(block, output);

        Assert.That(written, Is.EqualTo(300));
        Assert.That(output, Is.EqualTo(literals));
    }

    [Test]
    public void LiteralLengthOfExactlyFifteenNeedsAZeroContinuationByte()
    {
        byte[] literals = CodecTestData.Random(15, seed: 8);
        byte[] block = [0xF0, 0x00, .. literals];
        byte[] output = new byte[20];

        Assert.That(Lz4BlockDecoder.Decode(block, output), Is.EqualTo(15));
        Assert.That(output.AsSpan(0, 15).ToArray(), Is.EqualTo(literals));
    }

    [Test]
    public void SingleEmptyTokenDecodesToNothing()
    {
        Assert.That(Lz4BlockDecoder.Decode([0x00], new byte[8]), Is.EqualTo(0));
    }

    [TestCase(new byte[] { 0x10, (byte)'a', 0x00, 0x00, 0x00 }, "offset 0", TestName = "MatchOffsetZeroIsRejected")]
    [TestCase(new byte[] { 0x10, (byte)'a', 0x02, 0x00, 0x00 }, "offset 2", TestName = "MatchOffsetBeforeOutputStartIsRejected")]
    [TestCase(new byte[] { 0x50, (byte)'a', (byte)'b' }, "past the end", TestName = "LiteralRunPastEndOfInputIsRejected")]
    [TestCase(new byte[] { 0x10, (byte)'a', 0x01 }, "inside the match offset", TestName = "TruncatedMatchOffsetIsRejected")]
    [TestCase(new byte[] { 0xF0 }, "length continuation", TestName = "TruncatedLengthContinuationIsRejected")]
    [TestCase(new byte[] { 0x1F, (byte)'a', 0x01, 0x00, 0xFF }, "length continuation", TestName = "TruncatedMatchLengthContinuationIsRejected")]
    [TestCase(new byte[] { 0x10, (byte)'a', 0x01, 0x00 }, "literals only", TestName = "BlockEndingWithMatchIsRejected")]
    [TestCase(new byte[0], "offset 0", TestName = "EmptyBlockIsRejected")]
    public void MalformedBlockThrowsNamingTheOffset(byte[] block, string expected)
    {
        Assert.That(() => Lz4BlockDecoder.Decode(block, new byte[1024]),
            Throws.TypeOf<InvalidDataException>()
                .With.Message.Contains("offset")
                .And.Message.Contains(expected));
    }

    [Test]
    public void MatchPastEndOfOutputIsRejected()
    {
        byte[] block = [0x1F, (byte)'a', 0x01, 0x00, 0x01, 0x00];

        Assert.That(() => Lz4BlockDecoder.Decode(block, new byte[10]),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("overflows the output").And.Message.Contains("offset"));
    }

    [Test]
    public void LiteralsPastEndOfOutputAreRejected()
    {
        byte[] block = [0x50, 1, 2, 3, 4, 5];

        Assert.That(() => Lz4BlockDecoder.Decode(block, new byte[4]),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("overflows the output").And.Message.Contains("offset 1"));
    }

    [Test]
    public void HugeLengthContinuationIsRejectedWithoutOverflow()
    {
        // 9 million 255-bytes would sum past int.MaxValue.
        byte[] block = new byte[9_000_000];
        block.AsSpan().Fill(0xFF);
        block[0] = 0xF0;

        Assert.That(() => Lz4BlockDecoder.Decode(block, new byte[16]), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void CorruptedBlocksOnlyEverThrowInvalidDataException()
    {
        var random = new Random(1234);
        byte[] data = CodecTestData.Repetitive(32768, seed: 5);
        byte[] block = TestLz4BlockEncoder.Encode(data);
        byte[] output = new byte[32768];
        int rejected = 0;
        for (int round = 0; round < 2000; round++)
        {
            byte[] corrupt = (byte[])block.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
                corrupt[random.Next(corrupt.Length)] = (byte)random.Next(256);
            int length = random.Next(2) == 0 ? corrupt.Length : random.Next(corrupt.Length);

            try
            {
                Lz4BlockDecoder.Decode(corrupt.AsSpan(0, length), output);
            }
            catch (InvalidDataException)
            {
                rejected++;
            }
        }

        // Any other exception type fails the test by escaping; most corruptions must be detected.
        Assert.That(rejected, Is.GreaterThan(500));
    }

    [Test]
    public void CodecReturnsExactlySizedArrayForShortFinalChunk()
    {
        byte[] data = CodecTestData.Repetitive(1000, seed: 3);

        byte[] output = ChunkCodecs.For(CompressionMethod.Lz4).Decompress(TestLz4BlockEncoder.Encode(data), 32768);

        Assert.That(output, Is.EqualTo(data));
    }

    [Test]
    public void CodecRejectsOutputLargerThanMaxOutput()
    {
        byte[] data = CodecTestData.Repetitive(5000, seed: 4);

        Assert.That(() => ChunkCodecs.For(CompressionMethod.Lz4).Decompress(TestLz4BlockEncoder.Encode(data), 4096),
            Throws.TypeOf<InvalidDataException>());
    }

    private static void AssertRoundTrip(byte[] data)
    {
        byte[] block = TestLz4BlockEncoder.Encode(data);
        byte[] output = new byte[data.Length];

        int written = Lz4BlockDecoder.Decode(block, output);

        Assert.That(written, Is.EqualTo(data.Length));
        Assert.That(output.AsSpan().SequenceEqual(data), Is.True, "decoded bytes differ from the input");
        Assert.That(ChunkCodecs.For(CompressionMethod.Lz4).Decompress(block, data.Length).AsSpan().SequenceEqual(data), Is.True);
    }
}

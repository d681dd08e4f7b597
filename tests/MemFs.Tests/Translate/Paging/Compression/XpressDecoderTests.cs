using System.Text;
using MemFs.Tests.Aff4.Codecs;
using MemFs.Translate.Paging.Compression;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Paging.Compression;

public class XpressDecoderTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    private static byte[] Decode(byte[] stream, int capacity)
    {
        var output = new byte[capacity];
        int written = XpressDecoder.Decode(stream, output);
        return output[..written];
    }

    // [MS-XCA] §3.1: "abcdefghijklmnopqrstuvwxyz" as 26 literals; the unused low 6 flag bits are set.
    [Test]
    public void DecodesTheSpecificationsLiteralExample()
    {
        byte[] stream = Hex("3f 00 00 00 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 75 76 77 78 79 7a");

        Assert.That(Encoding.ASCII.GetString(Decode(stream, 26)), Is.EqualTo("abcdefghijklmnopqrstuvwxyz"));
        Assert.That(Encoding.ASCII.GetString(Decode(stream, 4096)), Is.EqualTo("abcdefghijklmnopqrstuvwxyz"));
    }

    // [MS-XCA] §3.1: "abc" × 100 as abc[match: distance 3, length 297], the length escaping nibble → byte → 16 bits.
    [Test]
    public void DecodesTheSpecificationsLongMatchExample()
    {
        byte[] stream = Hex("ff ff ff 1f 61 62 63 17 00 0f ff 26 01");
        string expected = string.Concat(Enumerable.Repeat("abc", 100));

        Assert.That(Encoding.ASCII.GetString(Decode(stream, 300)), Is.EqualTo(expected));
        Assert.That(Encoding.ASCII.GetString(Decode(stream, 1000)), Is.EqualTo(expected));
    }

    [Test]
    public void TwoMatchesShareOneNibbleByteLowNibbleFirst()
    {
        // abcd, then match(4, 12) whose nibble 2 is the low half of A2 and match(4, 20) whose nibble 10 is the high half.
        byte[] stream = Hex("ff ff ff 0f 61 62 63 64 1f 00 a2 1f 00");

        Assert.That(Encoding.ASCII.GetString(Decode(stream, 4096)), Is.EqualTo(string.Concat(Enumerable.Repeat("abcd", 9))));

        var writer = new XpressStreamWriter();
        foreach (byte b in "abcd"u8) writer.Literal(b);
        writer.Match(4, 12);
        writer.Match(4, 20);
        Assert.That(writer.Finish(), Is.EqualTo(stream), "the test writer shares nibbles the same way");
    }

    // One length at each edge of each form: field 3..9, nibble 10..24, byte 25..279, 16-bit 280..65538, 32-bit beyond.
    [TestCase(3)]
    [TestCase(9)]
    [TestCase(10)]
    [TestCase(24)]
    [TestCase(25)]
    [TestCase(279)]
    [TestCase(280)]
    [TestCase(65538)]
    [TestCase(65539)]
    [TestCase(200_000)]
    public void EveryLengthFormDecodesItsLength(int length)
    {
        var writer = new XpressStreamWriter();
        writer.Literal((byte)'x');
        writer.Literal((byte)'y');
        writer.Match(2, length);
        writer.Literal((byte)'z');
        byte[] expected = [.. Enumerable.Range(0, 2 + length).Select(i => (byte)(i % 2 == 0 ? 'x' : 'y')), (byte)'z'];

        Assert.That(Decode(writer.Finish(), expected.Length + 10), Is.EqualTo(expected));
    }

    [Test]
    public void ThirtyTwoLiteralsEndWithAWholeFlagWordOfOnes()
    {
        byte[] data = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1))];
        byte[] stream = TestXpressEncoder.Encode(data);

        Assert.That(stream, Has.Length.EqualTo(4 + 32 + 4));
        Assert.That(stream[^4..], Is.EqualTo(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }));
        Assert.That(Decode(stream, 64), Is.EqualTo(data));
    }

    [Test]
    public void AStreamThatFillsTheDestinationMayEndAtAFlagWordWithoutTheMarker()
    {
        byte[] data = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1))];
        byte[] withoutMarker = TestXpressEncoder.Encode(data)[..^4];

        Assert.That(Decode(withoutMarker, 32), Is.EqualTo(data));
        var ex = Assert.Throws<InvalidDataException>(() => XpressDecoder.Decode(withoutMarker, new byte[33]));
        Assert.That(ex!.Message, Does.Contain("flag word at offset 36"));
    }

    private static IEnumerable<TestCaseData> Pages()
    {
        yield return new TestCaseData(new byte[4096]).SetName("ZeroPage");
        yield return new TestCaseData(CodecTestData.Random(4096, seed: 1)).SetName("RandomPage");
        yield return new TestCaseData(CompressionTestPages.Text(seed: 2)).SetName("TextPage");
        yield return new TestCaseData(CompressionTestPages.Binary(seed: 3)).SetName("BinaryPage");
        yield return new TestCaseData(CodecTestData.Repetitive(4096, seed: 4)).SetName("RepetitivePage");
        yield return new TestCaseData(CodecTestData.Repetitive(300_000, seed: 5)).SetName("RepetitiveLarge");
        yield return new TestCaseData(CodecTestData.Random(70_000, seed: 6)).SetName("RandomLarge");
    }

    [TestCaseSource(nameof(Pages))]
    public void RoundTrips(byte[] data)
    {
        byte[] stream = TestXpressEncoder.Encode(data);

        Assert.That(Decode(stream, data.Length), Is.EqualTo(data));
    }

    [Test]
    public void AZeroPageCompressesToAFewBytes()
    {
        byte[] stream = TestXpressEncoder.Encode(new byte[4096]);

        Assert.That(stream, Has.Length.LessThan(16), "one literal and one offset-1 match with a 16-bit length");
        Assert.That(Decode(stream, 4096), Is.EqualTo(new byte[4096]));
    }

    [Test]
    public void AMatchBeforeTheStartOfTheOutputIsRejected()
    {
        // 'a', then a match 2 bytes back when only 1 byte exists.
        byte[] stream = Hex("ff ff ff 7f 61 08 00");

        var ex = Assert.Throws<InvalidDataException>(() => XpressDecoder.Decode(stream, new byte[4096]));
        Assert.That(ex!.Message, Does.Contain("match at offset 5 reaches 2 bytes back"));
    }

    [Test]
    public void AMatchPastTheDestinationIsRejected()
    {
        byte[] stream = Hex("ff ff ff 1f 61 62 63 17 00 0f ff 26 01");

        var ex = Assert.Throws<InvalidDataException>(() => XpressDecoder.Decode(stream, new byte[299]));
        Assert.That(ex!.Message, Does.Contain("match of 297 bytes at offset 7 overflows the output of 299 bytes"));
    }

    [Test]
    public void ALiteralPastTheDestinationIsRejected()
    {
        byte[] stream = Hex("3f 00 00 00 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 75 76 77 78 79 7a");

        var ex = Assert.Throws<InvalidDataException>(() => XpressDecoder.Decode(stream, new byte[25]));
        Assert.That(ex!.Message, Does.Contain("literal at offset 29 overflows"));
    }

    [Test]
    public void AWideLengthThatAShorterFormCouldSayIsRejected()
    {
        // 'a', match(1, field 7 → nibble 15 → byte 255 → 16-bit 5): the 16-bit form must be at least 22.
        byte[] stream = Hex("ff ff ff 7f 61 07 00 0f ff 05 00");

        var ex = Assert.Throws<InvalidDataException>(() => XpressDecoder.Decode(stream, new byte[4096]));
        Assert.That(ex!.Message, Does.Contain("wide match length 5 at offset 9"));
    }

    [TestCase("ff ff", "ends inside a flag word at offset 0")]
    [TestCase("00 00 00 00 61", "ends where a literal was due at offset 5")]
    [TestCase("ff ff ff 7f 61 07", "ends inside the match word at offset 5")]
    [TestCase("ff ff ff 7f 61 07 00", "ends inside the length nibble of the match at offset 5")]
    [TestCase("ff ff ff 7f 61 07 00 0f", "ends inside the length byte of the match at offset 5")]
    [TestCase("ff ff ff 7f 61 07 00 0f ff 00", "ends inside the 16-bit length of the match at offset 5")]
    [TestCase("ff ff ff 7f 61 07 00 0f ff 00 00 01 00", "ends inside the 32-bit length of the match at offset 5")]
    public void ATruncatedStreamNamesWhereItEnds(string hex, string problem)
    {
        var ex = Assert.Throws<InvalidDataException>(() => XpressDecoder.Decode(Hex(hex), new byte[4096]));
        Assert.That(ex!.Message, Does.Contain(problem));
    }
}

using MemFs.Aff4.Hashing;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Codecs;

public class Blake2bTests
{
    [Test]
    public void Rfc7693AppendixAVector()
    {
        Assert.That(Hex("abc"u8.ToArray()), Is.EqualTo(
            "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1" +
            "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
    }

    [Test]
    public void EmptyInput()
    {
        Assert.That(Hex([]), Is.EqualTo(
            "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419" +
            "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"));
    }

    // Expected values from Python's hashlib.blake2b over bytes(i % 251 for i in range(n)).
    [TestCase(128, "2319e3789c47e2daa5fe807f61bec2a1a6537fa03f19ff32e87eecbfd64b7e0e8ccff439ac333b040f19b0c4ddd11a61e24ac1fe0f10a039806c5dcc0da3d115")]
    [TestCase(256, "93463ac058b6163eb43be3f5bb32b28541498f4e3366f1effe253ad44e1e076e41c3616046027c82a7124f8f4746668ad10b12e8e25a95ac8f3151df01cd5a93")]
    [TestCase(1000, "c11e1c0340bd7e5a1b275f1230c962fad215ecb1391486e74e31b960a2f2996381a5fad092da06841d5f26e38f6ecfeaf441acbcd1c2de61aef121e7927175f5")]
    public void MultiBlockInput(int length, string expected)
    {
        Assert.That(Hex(Pattern(length)), Is.EqualTo(expected));
    }

    [Test]
    public void OddSizedPiecesGiveTheSameDigestAsOneCall([Values(1, 3, 127, 128, 129, 255, 256, 257, 1000)] int pieceSize)
    {
        byte[] data = CodecTestData.Random(10_000, seed: 61);
        using var hash = new Blake2b();
        byte[] expected = hash.ComputeHash(data);

        for (int offset = 0; offset < data.Length; offset += pieceSize)
            hash.TransformBlock(data, offset, Math.Min(pieceSize, data.Length - offset), null, 0);
        hash.TransformFinalBlock([], 0, 0);

        Assert.That(hash.Hash, Is.EqualTo(expected));
    }

    [Test]
    public void MixedPieceSizesAcrossBlockBoundariesGiveTheSameDigest()
    {
        byte[] data = Pattern(1000);
        int[] pieces = [1, 127, 128, 129, 0, 5, 256, 100, 254];
        using var hash = new Blake2b();

        int offset = 0;
        foreach (int piece in pieces)
        {
            hash.TransformBlock(data, offset, piece, null, 0);
            offset += piece;
        }
        hash.TransformFinalBlock(data, offset, data.Length - offset);

        Assert.That(Convert.ToHexStringLower(hash.Hash!), Is.EqualTo(Hex(data)));
    }

    [Test]
    public void InstanceIsReusableAfterFinal()
    {
        using var hash = new Blake2b();
        byte[] first = hash.ComputeHash(Pattern(300));
        byte[] second = hash.ComputeHash(Pattern(300));

        Assert.That(second, Is.EqualTo(first));
        Assert.That(hash.HashSize, Is.EqualTo(512));
    }

    [Test]
    public void SpanApiMatchesArrayApi()
    {
        byte[] data = Pattern(1000);
        using var hash = new Blake2b();
        Span<byte> digest = stackalloc byte[64];

        Assert.That(hash.TryComputeHash(data, digest, out int written), Is.True);
        Assert.That(written, Is.EqualTo(64));
        Assert.That(Convert.ToHexStringLower(digest), Is.EqualTo(Hex(data)));
    }

    private static string Hex(byte[] data)
    {
        using var hash = new Blake2b();
        return Convert.ToHexStringLower(hash.ComputeHash(data));
    }

    private static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
            data[i] = (byte)(i % 251);
        return data;
    }
}

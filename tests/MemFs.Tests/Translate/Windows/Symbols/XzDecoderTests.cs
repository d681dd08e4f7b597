using MemFs.Translate.Windows.Symbols.Isf;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>The managed xz decoder on a real JPCERT ISF: bounded output, truncated and foreign data.</summary>
public class XzDecoderTests
{
    private static byte[] Win7Isf() => File.ReadAllBytes(Path.Combine(IsfCorpus.IsfFolder, "339E74133576439CBCDF7E0229DA3773-1.json.xz"));

    [Test]
    public void DecodesToJson()
    {
        var input = Win7Isf();
        Assert.That(XzDecoder.IsXz(input));
        var json = XzDecoder.Decompress(input);
        Assert.That(json, Has.Length.InRange(2_900_000, 3_200_000));
        Assert.That(json[0], Is.EqualTo((byte)'{'));
    }

    [Test]
    public void OutputIsBounded()
    {
        var e = Assert.Throws<IsfFormatException>(() => XzDecoder.Decompress(Win7Isf(), maxOutput: 1 << 20))!;
        Assert.That(e.Message, Does.Contain("more than 1048576 bytes"));
    }

    [Test]
    public void TruncatedInput()
    {
        var input = Win7Isf();
        Assert.Throws<IsfFormatException>(() => XzDecoder.Decompress(input.AsSpan(0, input.Length / 2)));
    }

    [Test]
    public void CorruptInput()
    {
        var input = Win7Isf();
        input[input.Length / 2] ^= 0xFF;
        var e = Assert.Throws<IsfFormatException>(() => XzDecoder.Decompress(input))!;
        Assert.That(e.Message, Does.Contain("corrupt xz data"));
    }

    [Test]
    public void NotXz()
    {
        var e = Assert.Throws<IsfFormatException>(() => XzDecoder.Decompress("not xz at all"u8))!;
        Assert.That(e.Message, Does.Contain("not xz data"));
    }
}

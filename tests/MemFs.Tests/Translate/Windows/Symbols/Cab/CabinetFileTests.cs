using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Symbols.Cab;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols.Cab;

/// <summary>The cabinet reader: MSZIP blocks stored, Huffman-coded and reaching into the previous block; damage named by offset.</summary>
public class CabinetFileTests
{
    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        for (var i = 0; i < length; i += 7) bytes[i] = (byte)'M'; // compressible enough for DeflateStream's Huffman blocks
        return bytes;
    }

    private static byte[] Extract(byte[] cab, string name = "ntkrnlmp.pdb", long max = 1 << 30)
    {
        using var input = new MemoryStream(cab);
        var file = CabinetFile.Read("test.pd_", input);
        using var output = new MemoryStream();
        file.Extract(file.Files.Single(f => f.Name == name), output, max);
        return output.ToArray();
    }

    [Test]
    public void StoredAndDeflateStreamBlocksExpandToTheFile()
    {
        var content = Content(3 * CabinetWriter.BlockBytes + 1234, 1);
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", content, (i, block) => i % 2 == 1 ? CabinetWriter.Deflated(block) : CabinetWriter.Stored(block));
        Assert.That(cab.Length, Is.LessThan(content.Length + 100), "the Huffman-coded blocks are smaller than stored ones");
        Assert.That(Extract(cab), Is.EqualTo(content));
    }

    [Test]
    public void AMatchReachesIntoThePreviousBlock()
    {
        var first = Content(CabinetWriter.BlockBytes, 2);
        byte[] content = [.. first, .. first];
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", content, (i, block) => i == 0 ? CabinetWriter.Deflated(block) : CabinetWriter.RepeatPreviousBlock());
        Assert.That(Extract(cab), Is.EqualTo(content));
    }

    [Test]
    public void AnUncompressedFolderIsCopied()
    {
        var content = Content(40_000, 3);
        Assert.That(Extract(CabinetWriter.Build("ntkrnlmp.pdb", content, compression: 0)), Is.EqualTo(content));
    }

    [Test]
    public void NotACabinetIsNamed()
    {
        var error = Assert.Throws<ImageFormatException>(() => Extract(new byte[64]));
        Assert.That(error!.Message, Is.EqualTo("test.pd_, offset 0x0: not a cabinet (no MSCF signature)"));
    }

    [Test]
    public void LzxIsRefused()
    {
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", Content(100, 4), compression: 0x1503);
        var error = Assert.Throws<ImageFormatException>(() => Extract(cab));
        Assert.That(error!.Message, Does.Contain("compressed with method 3 (LZX or Quantum)"));
    }

    [Test]
    public void AFileOverTheLimitIsRefusedBeforeDecoding()
    {
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", Content(5000, 5));
        var error = Assert.Throws<ImageFormatException>(() => Extract(cab, max: 4096));
        Assert.That(error!.Message, Does.Contain("ntkrnlmp.pdb is 5,000 bytes, more than the 4,096 allowed"));
    }

    [Test]
    public void ACutCabinetNamesTheBlock()
    {
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", Content(2 * CabinetWriter.BlockBytes, 6));
        var error = Assert.Throws<ImageFormatException>(() => Extract(cab[..(cab.Length - 100)]));
        Assert.That(error!.Message, Does.Contain("CFDATA 1 data").And.Contain("runs past the end"));
    }

    [Test]
    public void ABlockThatDecodesShortIsRefused()
    {
        var content = Content(1000, 7);
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", content, (_, block) => CabinetWriter.Stored(block[..500]));
        var error = Assert.Throws<ImageFormatException>(() => Extract(cab));
        Assert.That(error!.Message, Does.Contain("MSZIP block decodes to 500 bytes, CFDATA declares 1000"));
    }

    [Test]
    public void ABlockWithoutTheSignatureIsRefused()
    {
        var cab = CabinetWriter.Build("ntkrnlmp.pdb", Content(1000, 8));
        var data = Array.IndexOf(cab, (byte)'C', 60);
        cab[data] = (byte)'X';
        var error = Assert.Throws<ImageFormatException>(() => Extract(cab));
        Assert.That(error!.Message, Does.Contain("does not start with the signature \"CK\""));
    }
}

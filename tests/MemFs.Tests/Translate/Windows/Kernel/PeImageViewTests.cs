using System.Buffers.Binary;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Kernel;

public sealed class PeImageViewTests
{
    [Test]
    public void HeadersSectionsCodeViewAndExports()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var pe = PeImageView.TryOpen(image.Translator(), image.KernelBase, out var why);
        Assert.That(why, Is.Null);
        Assert.That(pe!.Machine, Is.EqualTo(0x8664));
        Assert.That(pe.Is64Bit, Is.True);
        Assert.That(pe.TimeDateStamp, Is.EqualTo(TestPeImage.TimeDateStamp));
        Assert.That(pe.SizeOfImage, Is.EqualTo(TestPeImage.SizeOfImage));
        Assert.That(pe.Sections.Select(s => (s.Name, s.VirtualAddress)),
            Is.EqualTo(new[] { (".text", 0x1000u), (".rdata", 0x2000u), (".data", 0x4000u), ("POOLCODE", 0x5000u), ("INIT", 0x6000u) }));

        var codeView = pe.ReadCodeView(out why);
        Assert.That(why, Is.Null);
        Assert.That(codeView, Is.EqualTo(new CodeViewRecord("ntkrnlmp.pdb", TestPeImage.PdbGuid, 1)));
        Assert.That(codeView!.PdbId, Is.EqualTo("5278AFF86C341677D7D7835C85B7B8441"));
        Assert.That(codeView.IsKernel, Is.True);

        var exports = pe.ReadExports(out why);
        Assert.That(why, Is.Null);
        Assert.That(exports, Is.EquivalentTo(TestPeImage.Exports), "the forwarder RtlForwarded is left out");
    }

    [Test]
    public void PdbIdUsesTheSymbolServerByteOrder()
    {
        var record = new CodeViewRecord(@"d:\build\ntkrnlmp.pdb", Guid.Parse("0CE4A95C-0CD7-82A7-596B-034D8648E585"), 0x1A);
        Assert.That(record.PdbId, Is.EqualTo("0CE4A95C0CD782A7596B034D8648E5851A"));
        Assert.That(record.PdbFileName, Is.EqualTo("ntkrnlmp.pdb"));
        Assert.That(record.IsKernel, Is.True);
    }

    [TestCase(0x3C, 0x7FFF_FFFF, "e_lfanew 0x7FFFFFFF outside [0x40, 0x800]")]
    [TestCase(0x100, 0x12345678, "no PE signature at e_lfanew 0x100")]
    [TestCase(0x106, 0xFFFF_0000 | 0x8664, "section headers do not fit the header page")]
    [TestCase(0x118 + 56, 0x7FFF_FFFF, "SizeOfImage 0x7FFFFFFF is implausible")]
    public void DamagedHeadersAreRefusedWithTheField(int offset, long value, string problem)
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)value);
        image.Write(image.KernelBase + (ulong)offset, header);
        Assert.That(PeImageView.TryOpen(image.Translator(), image.KernelBase, out var why), Is.Null);
        Assert.That(why, Does.Contain(problem));
    }

    [Test]
    public void HostileExportCountsAreRefusedBeforeAllocating()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        image.Write32(image.KernelBase + TestPeImage.ExportDirectory + 0x18, 0x7FFF_FFFF);
        var pe = PeImageView.TryOpen(image.Translator(), image.KernelBase, out _)!;
        Assert.That(pe.ReadExports(out var why), Is.Empty);
        Assert.That(why, Does.Contain("exceed 65536"));
    }

    [Test]
    public void DebugDirectoryOutsideTheImageIsRefused()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        image.Write32(image.KernelBase + 0x188 + 6 * 8, 0xFFFF_0000);
        var pe = PeImageView.TryOpen(image.Translator(), image.KernelBase, out _)!;
        Assert.That(pe.ReadCodeView(out var why), Is.Null);
        Assert.That(why, Does.Contain("lies outside the image"));
    }

    [Test]
    public void UnmappedHeaderPageIsReported()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        Assert.That(PeImageView.TryOpen(image.Translator(), 0xFFFFF804_00000000, out var why), Is.Null);
        Assert.That(why, Does.StartWith("the header page cannot be read"));
    }

    [Test]
    public void ASectionHeaderCutShortNamesTheImageTheOffsetAndTheField()
    {
        var e = Assert.Throws<ImageFormatException>(() =>
            PeSection.Read(ImageReader.Over(new byte[0x20], "PE image at 0x1000", 0x208, "IMAGE_SECTION_HEADER")))!;
        Assert.That(e.Offset, Is.EqualTo(0x208));
        Assert.That(e.Message, Is.EqualTo(
            "PE image at 0x1000, offset 0x208: IMAGE_SECTION_HEADER.Characteristics at +0x24 needs 0x4 bytes, but IMAGE_SECTION_HEADER holds only 0x20 bytes"));
    }

    [Test]
    public void AnRsdsRecordCutShortNamesTheField()
    {
        var record = new byte[0x16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, CodeViewRecord.RsdsSignature);
        var e = Assert.Throws<ImageFormatException>(() =>
            CodeViewRecord.Read(ImageReader.Over(record, "PE image at 0x1000", 0x3000, "CV_INFO_PDB70"), out _))!;
        Assert.That(e.Message, Is.EqualTo(
            "PE image at 0x1000, offset 0x3000: CV_INFO_PDB70.PdbFileName at +0x18 needs 0x0 bytes, but CV_INFO_PDB70 holds only 0x16 bytes"));
    }

    [Test]
    public void AnRsdsNameThatFillsTheRecordIsAReasonNotAnError()
    {
        var record = new byte[0x20];
        BinaryPrimitives.WriteUInt32LittleEndian(record, CodeViewRecord.RsdsSignature);
        "ntkrnlmp"u8.CopyTo(record.AsSpan(0x18));
        Assert.That(CodeViewRecord.Read(ImageReader.Over(record, "PE image at 0x1000", 0x3000, "CV_INFO_PDB70"), out var why), Is.Null);
        Assert.That(why, Is.EqualTo("RSDS PDB name is empty or unterminated"));
    }
}

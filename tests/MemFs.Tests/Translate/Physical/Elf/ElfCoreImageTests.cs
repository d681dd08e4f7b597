using System.Buffers.Binary;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Elf;
using NUnit.Framework;
using static MemFs.Tests.Translate.Physical.TestPhysicalPages;

namespace MemFs.Tests.Translate.Physical.Elf;

public class ElfCoreImageTests
{
    private static PhysicalImage Open(TestElfCoreBuilder builder) => ElfCoreImage.Open(new TestArraySource(builder.ToArray(), "test.elf"));

    /// <summary>QEMU-like: RAM below 640 KiB, a gap, RAM from 1 MiB stored before it, and a run adjacent to it stored first.</summary>
    private static TestElfCoreBuilder Sparse(bool is64 = true) => new TestElfCoreBuilder(is64) { Machine = is64 ? (ushort)62 : (ushort)3 }
        .QemuNote(cr3: 0x1AD000, cr4: is64 ? 0x6F8UL : 0x10UL)
        .QemuNote(cr3: 0x2BE000)
        .Load(0x104000, 2 * PageSize)
        .Load(0, 4 * PageSize)
        .Load(0x100000, 4 * PageSize);

    [Test]
    public void DetectsTheMagic()
    {
        Assert.That(ElfCoreImage.IsElf(Sparse().ToArray()), Is.True);
        Assert.That(ElfCoreImage.IsElf([0x7F, 0x45, 0x4C]), Is.False);
        Assert.That(ElfCoreImage.IsElf(new byte[64]), Is.False);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void SparseSegmentsReadBack(bool is64)
    {
        using var image = Open(Sparse(is64));

        Assert.That(image.Format, Is.EqualTo("ELF core (QEMU dump-guest-memory)"));
        Assert.That(image.Warnings, Is.Empty);
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, 0x4000), new PhysicalRun(0x100000, 0x6000) }));
        AssertRunsReadBack(image.Memory);
        AssertHole(image.Memory, 0x4000);
        AssertHole(image.Memory, 0xFFFF8, 16);
        AssertHole(image.Memory, 0x106000);
    }

    [Test]
    public void ReadsSpanAdjacentSegmentsStoredApartInTheFile()
    {
        using var image = Open(Sparse());

        // 0x100000-0x104000 is stored after 0x104000-0x106000 in the file.
        AssertRead(image.Memory, 0x103FF0, 0x20);
        AssertRead(image.Memory, 0x100000, 0x6000);
        AssertRead(image.Memory, 0x1008, 0x2000);
    }

    [Test]
    public void QemuNotesGiveFacts()
    {
        using var image = Open(Sparse());

        Assert.That(image.Facts.DirectoryTableBase, Is.EqualTo(0x1AD000));
        Assert.That(image.Facts.PaeEnabled, Is.True);
        Assert.That(image.Facts.NumberProcessors, Is.EqualTo(2));
        Assert.That(image.Facts.MachineType, Is.EqualTo(0x8664));
        Assert.That(image.Facts.Imager, Is.EqualTo("QEMU dump-guest-memory"));
        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("ELF notes", "QEMU ×2")));
    }

    [Test]
    public void Elf32QemuCoreStatesNoPae()
    {
        using var image = Open(Sparse(is64: false));

        Assert.That(image.Facts.MachineType, Is.EqualTo(0x14C));
        Assert.That(image.Facts.PaeEnabled, Is.False);
        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("ELF class", "ELF32")));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void VirtualBoxNotesAreRecognised(bool is64)
    {
        using var image = Open(new TestElfCoreBuilder(is64).VirtualBoxNotes(cpus: 3).Load(0, 2 * PageSize).Load(0x10000, PageSize));

        Assert.That(image.Format, Is.EqualTo("ELF core (VirtualBox dumpvmcore)"));
        Assert.That(image.Facts.NumberProcessors, Is.EqualTo(3));
        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("VirtualBox version", "7.1.4 r165100")));
        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("ELF notes", "VBCORE, VBCPU ×3")));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void CoreWithoutKnownNotesIsPlainElfCore()
    {
        using var image = Open(new TestElfCoreBuilder().Note("CORE", 1, new byte[336]).Load(0, PageSize));

        Assert.That(image.Format, Is.EqualTo("ELF core"));
        Assert.That(image.Facts.DirectoryTableBase, Is.Null);
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void MemorySizeBeyondFileSizeIsAHoleWithAWarning()
    {
        using var image = Open(new TestElfCoreBuilder().Load(0, 2 * PageSize, memSize: 4 * PageSize).Load(0x10000, PageSize));

        Assert.That(image.Memory.Runs[0], Is.EqualTo(new PhysicalRun(0, 2 * PageSize)));
        Assert.That(image.Warnings, Has.One.Contains("p_memsz > p_filesz").And.Contains("0x2000"));
        AssertRunsReadBack(image.Memory);
        AssertHole(image.Memory, 2 * PageSize);
        AssertHole(image.Memory, 2 * PageSize - 8, 16);
    }

    [Test]
    public void SegmentsWithoutFileBytesAreSkipped()
    {
        var builder = new TestElfCoreBuilder().Load(0, PageSize).Load(0xFEC00000, 0, [], 0x1000).Load(0x2000, PageSize);
        using var image = Open(builder);

        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, PageSize), new PhysicalRun(0x2000, PageSize) }));
        Assert.That(image.Warnings, Is.Empty);
        AssertHole(image.Memory, 0xFEC00000);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ExtendedNumberingTakesTheCountFromSectionZero(bool is64)
    {
        using var image = Open(new TestElfCoreBuilder(is64) { ExtendedNumbering = true }.QemuNote(0x1000).Load(0, PageSize).Load(0x3000, 2 * PageSize));

        Assert.That(image.Memory.Runs, Has.Count.EqualTo(2));
        Assert.That(image.Facts.Other, Has.Some.Matches<KeyValuePair<string, string>>(p => p.Value.Contains("PN_XNUM")));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void PhysicalAddressesAllZeroFallBackToVirtualWithAWarning()
    {
        var builder = new TestElfCoreBuilder()
            .Load(0, 0x1000, Bytes(0x1000, PageSize), PageSize)
            .Load(0, 0x8000, Bytes(0x8000, 2 * PageSize), 2 * PageSize);
        using var image = Open(builder);

        Assert.That(image.Warnings, Has.One.Contains("p_vaddr"));
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0x1000, PageSize), new PhysicalRun(0x8000, 2 * PageSize) }));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void TruncatedLastSegmentWarnsAndFailsPastTheEnd()
    {
        var bytes = new TestElfCoreBuilder().Load(0, PageSize).Load(0x10000, 4 * PageSize).ToArray();
        var cut = bytes.AsSpan(0, bytes.Length - 3 * PageSize).ToArray();
        using var image = ElfCoreImage.Open(new TestArraySource(cut, "cut.elf"));

        Assert.That(image.Warnings, Has.Some.Contains("truncated"));
        AssertRead(image.Memory, 0x10000, PageSize);
        Assert.Throws<ImageFormatException>(() => image.Memory.Read(0x10F00, new byte[0x200]));
    }

    [Test]
    public void BigEndianIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestElfCoreBuilder { BigEndian = true }.Load(0, PageSize)));
        Assert.That(ex!.Offset, Is.EqualTo(5));
        Assert.That(ex.Message, Does.Contain("big-endian"));
    }

    [Test]
    public void AProgramHeaderCutShortNamesTheFileTheOffsetAndTheField()
    {
        var ex = Assert.Throws<ImageFormatException>(() =>
            ElfProgramHeader.Read(ImageReader.Over(new byte[0x28], "test.elf", 0x40, "program header 0"), is64: true));
        Assert.That(ex!.Offset, Is.EqualTo(0x68));
        Assert.That(ex.Message, Is.EqualTo(
            "test.elf, offset 0x68: program header 0.p_memsz at +0x28 needs 0x8 bytes, but program header 0 holds only 0x28 bytes"));
    }

    [Test]
    public void AnImpossibleP_OffsetNamesTheField()
    {
        var entry = new byte[56];
        BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(8), ulong.MaxValue);
        var ex = Assert.Throws<ImageFormatException>(() =>
            ElfProgramHeader.Read(ImageReader.Over(entry, "test.elf", 0x40, "program header 0"), is64: true));
        Assert.That(ex!.Message, Is.EqualTo("test.elf, offset 0x48: p_offset 0xFFFFFFFFFFFFFFFF is not a possible file offset or size"));
    }

    [Test]
    public void ProgramHeaderTableBeyondTheFileIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestElfCoreBuilder { ProgramHeaderCountOverride = 60000 }.Load(0, PageSize)));
        Assert.That(ex!.Message, Does.Contain("e_phoff").And.Contain("beyond the end"));
    }

    [Test]
    public void OtherTypesWarnButAreRead()
    {
        using var image = Open(new TestElfCoreBuilder { Type = 2 }.Load(0, PageSize));

        Assert.That(image.Warnings, Has.One.Contains("ET_CORE"));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void OverlappingSegmentsAreRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestElfCoreBuilder().Load(0, 2 * PageSize).Load(PageSize, PageSize)));
        Assert.That(ex!.Offset, Is.EqualTo(64 + 56));
        Assert.That(ex.Message, Does.Contain("overlaps"));
    }

    [Test]
    public void AddressBeyondFiftyTwoBitsIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestElfCoreBuilder().Load(1UL << 52, 0, new byte[16], 16)));
        Assert.That(ex!.Offset, Is.EqualTo(64 + 24));
    }

    [Test]
    public void NotAnElfFileIsRejected()
    {
        Assert.Throws<ImageFormatException>(() => ElfCoreImage.Open(new TestArraySource(new byte[128], "zeros.elf")));
        var bytes = new TestElfCoreBuilder().Load(0, PageSize).ToArray();
        bytes[4] = 3;
        Assert.Throws<ImageFormatException>(() => ElfCoreImage.Open(new TestArraySource(bytes, "class.elf")));
    }

    [Test]
    public void DamagedNoteIsAWarning()
    {
        var bytes = new TestElfCoreBuilder().QemuNote(0x1000).Load(0, PageSize).ToArray();
        var noteAt = 64 + 2 * 56;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(noteAt + 4), 0x100000);
        using var image = ElfCoreImage.Open(new TestArraySource(bytes, "note.elf"));

        Assert.That(image.Warnings, Has.One.Contains("note"));
        Assert.That(image.Format, Is.EqualTo("ELF core"));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void LastNoteWithoutTrailingPaddingIsRead()
    {
        var desc = new byte[24];
        desc[20] = 5;
        var bytes = new TestElfCoreBuilder().Note("VBCORE", 0xB00, desc.Concat(new byte[] { 1, 2 }).ToArray()).Load(0, PageSize).ToArray();
        var noteSizeAt = 64 + 32;
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(noteSizeAt), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(noteSizeAt)) - 2);
        using var image = ElfCoreImage.Open(new TestArraySource(bytes, "pad.elf"));

        Assert.That(image.Warnings, Is.Empty);
        Assert.That(image.Format, Is.EqualTo("ELF core (VirtualBox dumpvmcore)"));
        Assert.That(image.Facts.NumberProcessors, Is.EqualTo(5));
    }

    [Test]
    public void EightThreadsReadCorrectBytes()
    {
        using var image = Open(Sparse());
        AssertConcurrentReads(image.Memory);
    }
}

using System.Text;
using MemFs.Aff4.Binary;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Binary;

public class BoundedReaderTests
{
    private const int DirectoryTableBase = 0x10;
    private static readonly byte[] Header = Enumerable.Range(0, 0x18).Select(i => (byte)(i + 1)).ToArray();

    private static BoundedReader Reader(int length = 0x18, long origin = 0x1000) =>
        new(Header.AsSpan(0, length), "dump.dmp", origin, "DUMP_HEADER64");

    [Test]
    public void ReadsLittleEndianValuesInsideTheWindow()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Reader().U8(0), Is.EqualTo(0x01));
            Assert.That(Reader().U16(1), Is.EqualTo(0x0302));
            Assert.That(Reader().U32(0), Is.EqualTo(0x04030201u));
            Assert.That(Reader().U64(DirectoryTableBase), Is.EqualTo(0x1817161514131211ul));
            Assert.That(Reader().I32(0x14), Is.EqualTo(0x18171615));
            Assert.That(Reader().I64(8), Is.EqualTo(0x100F0E0D0C0B0A09L));
            Assert.That(Reader().Bytes(0x16, 2).ToArray(), Is.EqualTo(new byte[] { 0x17, 0x18 }));
            Assert.That(Reader().Bytes(0x18, 0).Length, Is.Zero);
            Assert.That(Reader().Length, Is.EqualTo(0x18));
            Assert.That(Reader().Holds(0x10, 8), Is.True);
            Assert.That(Reader().Holds(0x11, 8), Is.False);
        });
    }

    [Test]
    public void AReadPastTheEndNamesFileAbsoluteOffsetStructureAndField()
    {
        var e = Assert.Throws<InvalidDataException>(() => Reader(length: 0x14).U64(DirectoryTableBase))!;
        Assert.That(e.Message, Is.EqualTo(
            "dump.dmp, offset 0x1010: DUMP_HEADER64.DirectoryTableBase at +0x10 needs 0x8 bytes, but DUMP_HEADER64 holds only 0x14 bytes"));
    }

    [TestCase(-1L, 1L)]
    [TestCase(0x18L, 1L)]
    [TestCase(0x17L, 2L)]
    [TestCase(0L, -1L)]
    [TestCase(0L, 0x19L)]
    [TestCase(long.MaxValue, 1L)]
    [TestCase(1L, long.MaxValue)]
    [TestCase(long.MaxValue, long.MaxValue)]
    [TestCase(long.MinValue, 4L)]
    [TestCase(4L, long.MinValue)]
    [TestCase(unchecked((long)ulong.MaxValue), 8L)]
    [TestCase(8L, unchecked((long)(ulong.MaxValue - 7)))]
    public void EveryReadOutsideTheWindowIsRefused(long offset, long length)
    {
        var e = Assert.Throws<InvalidDataException>(() => Reader().Bytes(offset, length, "Field"))!;
        Assert.That(e.Message, Does.StartWith("dump.dmp, offset 0x").And.Contain("DUMP_HEADER64.Field at ").And.EndWith("but DUMP_HEADER64 holds only 0x18 bytes"));
        Assert.That(Reader().Holds(offset, length), Is.False);
    }

    [TestCase(long.MaxValue)]
    [TestCase(long.MaxValue - 3)]
    [TestCase(-4L)]
    [TestCase(0x15L)]
    public void FixedSizeReadsNearTheLimitsAreRefused(long offset)
    {
        Assert.Throws<InvalidDataException>(() => Reader().U32(offset));
        Assert.Throws<InvalidDataException>(() => Reader().U64(offset));
        Assert.Throws<InvalidDataException>(() => Reader().I64(offset));
    }

    [Test]
    public void ANegativeOffsetIsReportedAtTheWindowStart()
    {
        var e = Assert.Throws<InvalidDataException>(() => Reader().U32(-4, "Signature"))!;
        Assert.That(e.Message, Is.EqualTo("dump.dmp, offset 0x1000: DUMP_HEADER64.Signature at -4 needs 0x4 bytes, but DUMP_HEADER64 holds only 0x18 bytes"));
    }

    [Test]
    public void ANegativeLengthIsNamedAsSuch()
    {
        var e = Assert.Throws<InvalidDataException>(() => Reader().Bytes(2, -5, "Comment"))!;
        Assert.That(e.Message, Does.Contain("DUMP_HEADER64.Comment at +0x2 needs a length of -5"));
    }

    [Test]
    public void ASliceKeepsAbsoluteOffsetsAndNamesItself()
    {
        var child = Reader().Slice(8, 8, "PhysicalMemoryBlock");
        Assert.That(child.Origin, Is.EqualTo(0x1008));
        Assert.That(child.U32(4), Is.EqualTo(0x100F0E0Du));
        var e = Assert.Throws<InvalidDataException>(() => Reader().Slice(8, 8, "PhysicalMemoryBlock").U32(6, "NumberOfPages"))!;
        Assert.That(e.Message, Is.EqualTo(
            "dump.dmp, offset 0x100E: PhysicalMemoryBlock.NumberOfPages at +0x6 needs 0x4 bytes, but PhysicalMemoryBlock holds only 0x8 bytes"));
    }

    [Test]
    public void ASliceMustLieInsideItsParent()
    {
        var e = Assert.Throws<InvalidDataException>(() => Reader().Slice(0x10, 0x10, "Run"))!;
        Assert.That(e.Message, Is.EqualTo("dump.dmp, offset 0x1010: DUMP_HEADER64.Run at +0x10 needs 0x10 bytes, but DUMP_HEADER64 holds only 0x18 bytes"));
    }

    [Test]
    public void TheLayerChoosesItsException()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new BoundedReader(new byte[4], "f", 0x20, "S", (file, offset, problem) => new ArgumentException($"{file}|{offset}|{problem}")).U64(0, "X"))!;
        Assert.That(e.Message, Is.EqualTo("f|32|S.X at +0x0 needs 0x8 bytes, but S holds only 0x4 bytes"));
        var made = new BoundedReader(new byte[4], "f", 0x20, "S").Error(2, "bad");
        Assert.That(made.Message, Is.EqualTo("f, offset 0x22: bad"));
    }

    [Test]
    public void AsciiStopsAtNulMaxLengthOrWindowEnd()
    {
        var bytes = "ntoskrnl\0xyz"u8.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(new BoundedReader(bytes, "f", 0, "S").Ascii(0, 64), Is.EqualTo("ntoskrnl"));
            Assert.That(new BoundedReader(bytes, "f", 0, "S").Ascii(0, 4), Is.EqualTo("ntos"));
            Assert.That(new BoundedReader(bytes, "f", 0, "S").Ascii(9, 64), Is.EqualTo("xyz"));
            Assert.That(new BoundedReader(bytes, "f", 0, "S").Ascii(12, 64), Is.Empty);
        });
        Assert.Throws<InvalidDataException>(() => new BoundedReader(bytes, "f", 0, "S").Ascii(13, 1));
        Assert.Throws<InvalidDataException>(() => new BoundedReader(bytes, "f", 0, "S").Ascii(-1, 1));
    }

    [Test]
    public void Utf16ReadsExactlyTheCharactersAndRefusesMore()
    {
        var bytes = Encoding.Unicode.GetBytes("$MFT");
        Assert.That(new BoundedReader(bytes, "f", 0, "S").Utf16(0, 4), Is.EqualTo("$MFT"));
        Assert.That(new BoundedReader(bytes, "f", 0, "S").Utf16(2, 3), Is.EqualTo("MFT"));
        Assert.Throws<InvalidDataException>(() => new BoundedReader(bytes, "f", 0, "S").Utf16(2, 4));
        Assert.Throws<InvalidDataException>(() => new BoundedReader(bytes, "f", 0, "S").Utf16(0, long.MaxValue));
        Assert.Throws<InvalidDataException>(() => new BoundedReader(bytes, "f", 0, "S").Utf16(0, -1));
    }

    [Test]
    public void AWindowThatWouldEndPastLongMaxIsAProgrammingError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BoundedReader(new byte[8], "f", long.MaxValue - 4, "S"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BoundedReader(new byte[8], "f", -1, "S"));
        Assert.That(new BoundedReader(new byte[8], "f", long.MaxValue - 8, "S").U64(0), Is.Zero);
    }
}

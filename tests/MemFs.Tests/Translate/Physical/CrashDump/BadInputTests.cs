using System.Buffers.Binary;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.CrashDump;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>Damaged and hostile dumps: each is an <see cref="ImageFormatException"/> naming the file, an offset and the field.</summary>
public class BadInputTests
{
    private const string Name = "/evidence/bad-input.dmp";

    private static ImageFormatException OpenFails(byte[] bytes, long offset, params string[] field)
    {
        var e = Assert.Throws<ImageFormatException>(() => BuiltDumps.Open(bytes, Name).Dispose())!;
        Assert.That(e.FilePath, Is.EqualTo(Name));
        Assert.That(e.Offset, Is.EqualTo(offset));
        Assert.That(e.Message, Does.StartWith($"{Name}, offset 0x{offset:X}: "));
        foreach (var f in field) Assert.That(e.Message, Does.Contain(f));
        return e;
    }

    private static byte[] Full64() => TestCrashDumpBuilder.Dump64(1).Full(FullDumpTests.Runs);

    private static byte[] Bitmap64() => TestCrashDumpBuilder.Dump64(5).Bitmap("SDMP", 300, BitmapDumpTests.Sparse);

    [Test]
    public void ADescriptorCutShortNamesTheBlockItsOffsetAndTheHeaderLength()
    {
        var e = Assert.Throws<ImageFormatException>(() =>
            PhysicalMemoryDescriptor.Read64(ImageReader.Over(Full64().AsSpan(0, 0x100), Name, 0, "DUMP_HEADER64")))!;
        Assert.That(e.Offset, Is.EqualTo(0x88));
        Assert.That(e.Message, Is.EqualTo(
            $"{Name}, offset 0x88: DUMP_HEADER64.PhysicalMemoryBlock at +0x88 needs 0x2C0 bytes, but DUMP_HEADER64 holds only 0x100 bytes"));
    }

    [Test]
    public void OverlappingRuns() =>
        OpenFails(TestCrashDumpBuilder.Dump64(1).Full((0x10, 4), (0x12, 4)), 0x88, "PhysicalMemoryBlock", "overlap");

    [Test]
    public void OverlappingRuns32() =>
        OpenFails(TestCrashDumpBuilder.Dump32(1).Full((0x10, 4), (0x8, 9)), 0x64, "PhysicalMemoryBlock", "overlap");

    [TestCase(100000u)]
    [TestCase(44u)]
    public void NumberOfRunsAbsurd(uint runs)
    {
        var bytes = Full64();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x88), runs);
        OpenFails(bytes, 0x88, "NumberOfRuns", runs.ToString(), "ContextRecord");
    }

    [Test]
    public void NumberOfRunsAbsurd32()
    {
        var bytes = TestCrashDumpBuilder.Dump32(1).Full();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x64), 100000);
        OpenFails(bytes, 0x64, "NumberOfRuns");
    }

    [TestCase(1UL << 40, 1UL, TestName = "RunBeyond2Pow52")]
    [TestCase((1UL << 40) - 1, 2UL, TestName = "RunEndingBeyond2Pow52")]
    [TestCase(ulong.MaxValue, 1UL, TestName = "RunBasePageOverflows")]
    public void RunBeyondThePhysicalAddressSpace(ulong basePage, ulong pageCount)
    {
        var bytes = TestCrashDumpBuilder.Dump64(1).Full((0x1, 1), (0x10, 1));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0xA8), basePage);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0xB0), pageCount);
        OpenFails(bytes, 0xA8, "PhysicalMemoryBlock.Run[1]", "52-bit");
    }

    [TestCase(0x1FFF)]
    [TestCase(0x100)]
    [TestCase(8)]
    public void TruncatedHeader(int length) => OpenFails(Full64()[..length], 0, "DUMP_HEADER64", "truncated");

    [Test]
    public void TruncatedHeader32() => OpenFails(TestCrashDumpBuilder.Dump32(1).Full(FullDumpTests.Runs)[..0xFFF], 0, "DUMP_HEADER32", "truncated");

    [Test]
    public void TruncatedBitmap() => OpenFails(Bitmap64()[..(0x2000 + 0x38 + 20)], 0x2038, "SUMMARY_DUMP.BitmapSize", "truncated");

    [Test]
    public void TruncatedSummaryHeader() => OpenFails(Bitmap64()[..0x2010], 0x2000, "SUMMARY_DUMP", "truncated");

    [TestCase(1UL << 41, 0x2030, "2^40")]
    [TestCase(1UL << 36, 0x2038, "truncated")]
    [TestCase(ulong.MaxValue, 0x2030, "2^40")]
    public void BitmapSizeAbsurd(ulong bitmapSize, long offset, string why)
    {
        var bytes = Bitmap64();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x2030), bitmapSize);
        OpenFails(bytes, offset, "SUMMARY_DUMP.BitmapSize", why);
    }

    [Test]
    public void HeaderSizeInsideTheBitmap()
    {
        var bytes = Bitmap64();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0x2020), 0x2040);
        OpenFails(bytes, 0x2020, "SUMMARY_DUMP.HeaderSize");
    }

    [Test]
    public void BitmapDumpWithoutSummaryHeader()
    {
        var bytes = Bitmap64();
        "PAGEPAGE"u8.CopyTo(bytes.AsSpan(0x2000));
        OpenFails(bytes, 0x2000, "SUMMARY_DUMP.Signature", "DumpType 5");
    }

    [Test]
    public void ValidDumpWrong()
    {
        var bytes = Full64();
        "XU64"u8.CopyTo(bytes.AsSpan(4));
        OpenFails(bytes, 4, "ValidDump");
    }

    [Test]
    public void SignatureWrong()
    {
        var bytes = Full64();
        "MDMP"u8.CopyTo(bytes);
        OpenFails(bytes, 0, "Signature");
    }

    [Test]
    public void Pagedu64ThenGarbage()
    {
        var bytes = new byte[0x10000];
        new Random(64).NextBytes(bytes);
        "PAGEDU64"u8.CopyTo(bytes);
        OpenFails(bytes, 0xF98, "DumpType");
    }

    [Test]
    public void PagedumpThenGarbage()
    {
        var bytes = new byte[0x10000];
        new Random(32).NextBytes(bytes);
        "PAGEDUMP"u8.CopyTo(bytes);
        OpenFails(bytes, 0xF88, "DumpType");
    }

    [Test]
    public void FullDumpWithoutRunList()
    {
        var bytes = Full64();
        "PAGEPAGEPAGEPAGE"u8.CopyTo(bytes.AsSpan(0x88));
        OpenFails(bytes, 0x88, "PhysicalMemoryBlock.NumberOfRuns", "'PAGE'");
    }

    [TestCase(100000u)]
    [TestCase(4097u)]
    public void TriageDriverCountAbsurd(uint count)
    {
        var bytes = TriageDumpTests.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x2034), count);
        OpenFails(bytes, 0x2034, "TRIAGE_DUMP64.DriverCount", count.ToString());
    }

    [Test]
    public void TriageDriverListPastTheEndOfTheFile()
    {
        var bytes = TriageDumpTests.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x2034), 4000);
        OpenFails(bytes, 0x2030, "TRIAGE_DUMP64.DriverListOffset", "DriverCount 4000");
    }

    [Test]
    public void TriageNameOffsetOutsideTheFile()
    {
        var bytes = TriageDumpTests.Build();
        var entry = 0x2200 + 2 * 0x90;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(entry), 0x7FFFFFF0);
        OpenFails(bytes, entry, "TRIAGE_DUMP64 driver entry 2", "name offset 0x7FFFFFF0");
    }

    [Test]
    public void TriageNameLengthOutsideTheFile()
    {
        var bytes = TriageDumpTests.Build();
        var name = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(0x2200 + 0x90));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(name), 0x10000);
        OpenFails(bytes, 0x2200 + 0x90, "TRIAGE_DUMP64 driver entry 1");
    }

    [Test]
    public void TriageDebuggerDataOutsideTheFile()
    {
        var bytes = TriageDumpTests.Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(0x2070), (uint)bytes.Length - 8);
        OpenFails(bytes, 0x2070, "TRIAGE_DUMP64.DebuggerDataOffset");
    }

    [Test]
    public void TriageHeaderTruncated() => OpenFails(TriageDumpTests.Build()[..0x2040], 0x2000, "TRIAGE_DUMP64", "truncated");
}

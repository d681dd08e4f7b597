using MemFs.Translate.Physical;
using MemFs.Translate.Physical.CrashDump;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>Test-built bitmap dumps: SUMMARY_DUMP and its page bitmap after the header.</summary>
public class BitmapDumpTests
{
    private const long BitmapSize = 300;

    /// <summary>Isolated bits, runs across 32- and 64-bit word boundaries, a fully set word, and bits in the last partial word.</summary>
    internal static readonly long[] Sparse =
    [
        0, 5, 7, 8, 30, 31, 32, 33, 62, 63, 64, 65, 66,
        .. Enumerable.Range(128, 64).Select(i => (long)i),
        200, 255, 256, 257, 296, 297, 298, 299,
    ];

    public static IEnumerable<TestCaseData> Dumps()
    {
        yield return new TestCaseData(true, 5u, "SDMP", "bitmap (kernel or automatic)").SetArgDisplayNames("64-bit type 5 SDMP");
        yield return new TestCaseData(true, 6u, "FDMP", "bitmap (active/full)").SetArgDisplayNames("64-bit type 6 FDMP");
        yield return new TestCaseData(false, 5u, "SDMP", "bitmap (kernel or automatic)").SetArgDisplayNames("32-bit type 5 SDMP");
    }

    private static TestCrashDumpBuilder Builder(bool is64, uint type) => is64 ? TestCrashDumpBuilder.Dump64(type) : TestCrashDumpBuilder.Dump32(type);

    [TestCaseSource(nameof(Dumps))]
    public void RunsAreTheSetBits(bool is64, uint type, string signature, string name)
    {
        using var image = BuiltDumps.Open(Builder(is64, type).Bitmap(signature, BitmapSize, Sparse));
        Assert.That(image.Memory.Runs, Is.EqualTo(BuiltDumps.RunsOf(Sparse)));
        Assert.That(image.BackedBytes, Is.EqualTo(Sparse.Length * 0x1000L));
        Assert.That(image.Format, Is.EqualTo($"Windows crash dump, {(is64 ? "64" : "32")}-bit, {name}"));
        Assert.That(image.Facts.DumpTypeCode, Is.EqualTo(type));
        Assert.That(image.Facts.Other, Does.Contain(KeyValuePair.Create("SUMMARY_DUMP.Signature", signature)));
        Assert.That(image.Facts.Other, Does.Contain(KeyValuePair.Create("SUMMARY_DUMP.BitmapSize", "300")));
        Assert.That(image.Warnings, Is.Empty);
    }

    [TestCaseSource(nameof(Dumps))]
    public void PresentPagesAreStoredInBitOrder(bool is64, uint type, string signature, string name)
    {
        using var image = BuiltDumps.Open(Builder(is64, type).Bitmap(signature, BitmapSize, Sparse));
        foreach (var run in image.Memory.Runs) BuiltDumps.AssertReads(image.Memory, run.Start, (int)run.Length);
        BuiltDumps.AssertReads(image.Memory, 0x7FF8, 16);
        BuiltDumps.AssertReads(image.Memory, 0x3FFFC, 8);
        foreach (var page in new long[] { 1, 6, 9, 29, 34, 67, 127, 192, 201, 254, 258, 295, 300, 301 })
            Assert.Throws<PhysicalHoleException>(() => image.Memory.Read(page * 0x1000, new byte[1]), $"page {page}");
    }

    [Test]
    public void PagesFieldDisagreeingWithTheBitmapIsWarned()
    {
        using var image = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(5).Bitmap("SDMP", BitmapSize, Sparse, pagesField: 7));
        Assert.That(image.Warnings, Has.Some.Contains("SUMMARY_DUMP.Pages"));
        Assert.That(image.Memory.Runs, Is.EqualTo(BuiltDumps.RunsOf(Sparse)));
    }

    [Test]
    public void EmptyAndFullBitmaps()
    {
        using (var empty = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(5).Bitmap("SDMP", 256, [])))
            Assert.That(empty.Memory.Runs, Is.Empty);
        var all = Enumerable.Range(0, 200).Select(i => (long)i).ToArray();
        using var full = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(6).Bitmap("FDMP", 200, all));
        Assert.That(full.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, 200 * 0x1000) }));
        BuiltDumps.AssertReads(full.Memory, 0, 200 * 0x1000);
    }

    [Test]
    public void BitmapLargerThanOneReadChunk()
    {
        long[] pages = [1, (1 << 23) - 1, 1 << 23, 8_999_999];
        using var image = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(5).Bitmap("SDMP", 9_000_000, pages));
        Assert.That(image.Memory.Runs, Is.EqualTo(BuiltDumps.RunsOf(pages)));
        foreach (var p in pages) BuiltDumps.AssertReads(image.Memory, p * 0x1000, 0x1000);
    }

    [Test]
    public void TruncatedPageDataIsWarnedNotFatal()
    {
        var bytes = TestCrashDumpBuilder.Dump64(5).Bitmap("SDMP", BitmapSize, Sparse);
        using var image = BuiltDumps.Open(bytes[..^0x1800]);
        Assert.That(image.Warnings, Has.Some.Contains("truncated"));
        Assert.Throws<ImageFormatException>(() => image.Memory.Read(299 * 0x1000, new byte[1]));
        BuiltDumps.AssertReads(image.Memory, 0, 0x1000);
    }

    [TestCase(8u)]
    [TestCase(9u)]
    [TestCase(10u)]
    public void DebuggerWrittenBitmapTypes(uint type)
    {
        using var image = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(type).Bitmap("FDMP", BitmapSize, Sparse));
        Assert.That(image.Memory.Runs, Is.EqualTo(BuiltDumps.RunsOf(Sparse)));
    }
}

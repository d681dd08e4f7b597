using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Lime;
using NUnit.Framework;
using static MemFs.Tests.Translate.Physical.TestPhysicalPages;

namespace MemFs.Tests.Translate.Physical.Lime;

public class LimeImageTests
{
    private static PhysicalImage Open(TestLimeBuilder builder) => LimeImage.Open(new TestArraySource(builder.ToArray(), "test.lime"));

    private static TestLimeBuilder Sparse() => new TestLimeBuilder()
        .Range(0, 3 * PageSize)
        .Range(0x5000, 3 * PageSize)
        .Range(0x8000, 2 * PageSize)
        .Range(0x100000, PageSize);

    [Test]
    public void DetectsTheMagic()
    {
        Assert.That(LimeImage.IsLime(new TestLimeBuilder().Range(0, PageSize).ToArray()), Is.True);
        Assert.That(LimeImage.IsLime("EMiL"u8), Is.False);
        Assert.That(LimeImage.IsLime(new byte[64]), Is.False);
    }

    [Test]
    public void SparseRangesReadBackAndMergeAdjacentRanges()
    {
        using var image = Open(Sparse());

        Assert.That(image.Format, Is.EqualTo("LiME"));
        Assert.That(image.Warnings, Is.Empty);
        Assert.That(image.Memory.Runs, Is.EqualTo(new[]
        {
            new PhysicalRun(0, 0x3000),
            new PhysicalRun(0x5000, 0x5000),
            new PhysicalRun(0x100000, 0x1000),
        }));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void ReadsSpanAdjacentRangesStoredApartInTheFile()
    {
        using var image = Open(Sparse());

        // 0x5000-0x8000 and 0x8000-0xA000 are separate ranges with a header between them in the file.
        AssertRead(image.Memory, 0x7FF0, 0x20);
        AssertRead(image.Memory, 0x5000, 0x5000);
        AssertRead(image.Memory, 0x1234, 0x100);
    }

    [Test]
    public void HolesAreHolesNotZeros()
    {
        using var image = Open(Sparse());

        AssertHole(image.Memory, 0x3000);
        AssertHole(image.Memory, 0x2FF8, 16);
        AssertHole(image.Memory, 0xA000);
        AssertHole(image.Memory, 0x200000);
    }

    [Test]
    public void RangesOutOfOrderInTheFileAreSorted()
    {
        using var image = Open(new TestLimeBuilder().Range(0x10000, PageSize).Range(0, PageSize));

        Assert.That(image.Memory.Runs.Select(r => r.Start), Is.EqualTo(new long[] { 0, 0x10000 }));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void TruncatedLastRangeWarnsAndFailsPastTheEnd()
    {
        var bytes = new TestLimeBuilder().Range(0, PageSize).Range(0x10000, 4 * PageSize).ToArray();
        var cut = bytes.AsSpan(0, bytes.Length - 2 * PageSize - 100).ToArray();
        using var image = LimeImage.Open(new TestArraySource(cut, "cut.lime"));

        Assert.That(image.Warnings, Has.Some.Contains("truncated"));
        Assert.That(image.Memory.Runs[^1], Is.EqualTo(new PhysicalRun(0x10000, 4 * PageSize)));
        AssertRead(image.Memory, 0x10000, PageSize + 1000);
        var ex = Assert.Throws<ImageFormatException>(() => image.Memory.Read(0x12000, new byte[PageSize]));
        Assert.That(ex!.FilePath, Is.EqualTo("cut.lime"));
    }

    [Test]
    public void ShortTrailingBytesWarn()
    {
        using var image = Open(new TestLimeBuilder().Range(0, PageSize).Raw(new byte[10]));

        Assert.That(image.Warnings, Has.One.Contains("too few for a range header"));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void BadMagicMidFileNamesTheHeaderOffset()
    {
        var builder = new TestLimeBuilder().Range(0, PageSize);
        var at = builder.Position;
        builder.Range(0x10000, PageSize, Bytes(0x10000, PageSize), magic: 0x4C694D46);

        var ex = Assert.Throws<ImageFormatException>(() => Open(builder));
        Assert.That(ex!.Offset, Is.EqualTo(at));
        Assert.That(ex.Message, Does.Contain("magic").And.Contain("test.lime"));
    }

    [Test]
    public void ARangeHeaderCutShortNamesTheFileTheOffsetAndTheField()
    {
        var header = new TestLimeBuilder().Header(0x1000, 0x1FFF).ToArray().AsSpan(0, 0x12).ToArray();

        var ex = Assert.Throws<ImageFormatException>(() => LimeImage.ReadRange(ImageReader.Over(header, "cut.lime", 0x2020, "LiME range header")));
        Assert.That(ex!.Offset, Is.EqualTo(0x2030));
        Assert.That(ex.Message, Is.EqualTo(
            "cut.lime, offset 0x2030: LiME range header.e_addr at +0x10 needs 0x8 bytes, but LiME range header holds only 0x12 bytes"));
    }

    [Test]
    public void UnknownVersionIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestLimeBuilder().Range(0, PageSize, Bytes(0, PageSize), version: 2)));
        Assert.That(ex!.Offset, Is.EqualTo(4));
        Assert.That(ex.Message, Does.Contain("version"));
    }

    [Test]
    public void EndBelowStartIsRejected()
    {
        var builder = new TestLimeBuilder().Range(0, PageSize);
        var at = builder.Position;
        builder.Header(0x20000, 0x1FFFF).Raw(new byte[64]);

        var ex = Assert.Throws<ImageFormatException>(() => Open(builder));
        Assert.That(ex!.Offset, Is.EqualTo(at + 16));
        Assert.That(ex.Message, Does.Contain("e_addr"));
    }

    [Test]
    public void AbsurdEndIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestLimeBuilder().Header(0, ulong.MaxValue).Raw(new byte[64])));
        Assert.That(ex!.Message, Does.Contain("52-bit"));
    }

    [Test]
    public void OverlappingRangesAreRejected()
    {
        var builder = new TestLimeBuilder().Range(0, 2 * PageSize);
        var at = builder.Position;
        builder.Range(PageSize, PageSize);

        var ex = Assert.Throws<ImageFormatException>(() => Open(builder));
        Assert.That(ex!.Offset, Is.EqualTo(at));
        Assert.That(ex.Message, Does.Contain("overlaps"));
    }

    [Test]
    public void EmptyFileIsRejected()
    {
        Assert.Throws<ImageFormatException>(() => LimeImage.Open(new TestArraySource([], "empty.lime")));
    }

    [Test]
    public void EightThreadsReadCorrectBytes()
    {
        using var image = Open(Sparse());
        AssertConcurrentReads(image.Memory);
    }

    [Test]
    public void ReadsFromAFileOnDisk()
    {
        var path = Path.Combine(Path.GetTempPath(), $"memfs-lime-{Guid.NewGuid():N}.lime");
        File.WriteAllBytes(path, Sparse().ToArray());
        try
        {
            using var image = LimeImage.Open(new MemFs.Translate.Physical.Sources.FileByteSource(path));
            AssertRunsReadBack(image.Memory);
            AssertConcurrentReads(image.Memory, 100);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

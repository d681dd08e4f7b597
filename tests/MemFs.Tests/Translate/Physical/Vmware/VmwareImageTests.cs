using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;
using MemFs.Translate.Physical.Vmware;
using NUnit.Framework;
using static MemFs.Tests.Translate.Physical.TestPhysicalPages;

namespace MemFs.Tests.Translate.Physical.Vmware;

public class VmwareImageTests
{
    /// <summary>Regions 1 and 2 are adjacent in physical memory but stored apart, with region 3 between them in the .vmem.</summary>
    private static readonly (long Ppn, long PageNum, long Pages)[] Regions = [(0, 0, 4), (0x10, 4, 3), (0x13, 9, 2), (0x100, 7, 2)];

    private static TestVmwareStateBuilder State(uint magic = 0xBED2BED2) => new TestVmwareStateBuilder(magic)
        .Group("Checkpoint").Value("ProductName", "VMware Workstation"u8.ToArray()).Block("screenshot", new byte[300])
        .Group("cpu").Number("cpu:numVCPUs", 2, 4).Number("CR64", 0x1AD000, 8, 0, 3).Number("CR64", 0x2BE000, 8, 1, 3)
            .Block("gpregs", new byte[128], indices: [0]).Block("gpregs", new byte[128], compressed: true, indices: [1])
        .MemoryRegions(Regions);

    private static PhysicalImage Open(TestVmwareStateBuilder state, byte[]? vmem = null) =>
        VmwareImage.Open(new TestArraySource(vmem ?? TestVmwareStateBuilder.Vmem(11, Regions), "test.vmem"), new TestArraySource(state.ToArray(), "test.vmss"));

    [Test]
    public void DetectsStateFiles()
    {
        foreach (var magic in new uint[] { 0xBED2BED0, 0xBAD1BAD1, 0xBED2BED2, 0xBED3BED3 })
            Assert.That(VmwareImage.IsStateFile(new TestVmwareStateBuilder(magic).Group("memory").ToArray()), Is.True, $"0x{magic:X8}");
        Assert.That(VmwareImage.IsStateFile([0xD2, 0xBE, 0xD2]), Is.False);
        Assert.That(VmwareImage.IsStateFile(new byte[16]), Is.False);
    }

    [Test]
    public void RegionsReadBackWithHolesBetween()
    {
        using var image = Open(State());

        Assert.That(image.Format, Is.EqualTo("VMware .vmem with state file test.vmss (4 memory regions)"));
        Assert.That(image.Warnings, Is.Empty);
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, 0x4000), new PhysicalRun(0x10000, 0x5000), new PhysicalRun(0x100000, 0x2000) }));
        AssertRunsReadBack(image.Memory);
        AssertHole(image.Memory, 0x4000);
        AssertHole(image.Memory, 0xFFF8, 16);
        AssertHole(image.Memory, 0x15000);
        AssertHole(image.Memory, 0x102000);
    }

    [Test]
    public void ReadsSpanAdjacentRegionsStoredApartInTheVmem()
    {
        using var image = Open(State());

        AssertRead(image.Memory, 0x12FF0, 0x20);
        AssertRead(image.Memory, 0x10000, 0x5000);
    }

    [Test]
    public void StateFileFactsAreExposed()
    {
        using var image = Open(State());

        Assert.That(image.Facts.DirectoryTableBase, Is.EqualTo(0x1AD000));
        Assert.That(image.Facts.NumberProcessors, Is.EqualTo(2));
        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("VMware state groups", "Checkpoint, cpu, memory")));
        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("VMware memSize", "1024")));
        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("VMware state version", "2 (magic 0xBED2BED2)")));
    }

    [Test]
    public void VersionZeroStateFileWithNarrowBlockSizes()
    {
        using var image = Open(State(0xBED2BED0));

        Assert.That(image.Facts.Other, Has.Some.EqualTo(new KeyValuePair<string, string>("VMware state version", "0 (magic 0xBED2BED0)")));
        Assert.That(image.Facts.DirectoryTableBase, Is.EqualTo(0x1AD000));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void WithoutRegionsTheVmemIsFlat()
    {
        var vmem = Bytes(0, 6 * PageSize);
        using var image = Open(new TestVmwareStateBuilder().Group("cpu").Number("cpu:numVCPUs", 1, 4).Group("memory").Number("memSize", 24, 4), vmem);

        Assert.That(image.Format, Does.StartWith("VMware .vmem, flat"));
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, 6 * PageSize) }));
        AssertRunsReadBack(image.Memory);
        AssertHole(image.Memory, 6 * PageSize);
    }

    [Test]
    public void RegionsCountZeroIsFlat()
    {
        using var image = Open(new TestVmwareStateBuilder().MemoryRegions(), Bytes(0, 2 * PageSize));

        Assert.That(image.Format, Does.Contain("flat"));
        AssertRunsReadBack(image.Memory);
    }

    [Test]
    public void TruncatedVmemWarnsAndFailsPastTheEnd()
    {
        var vmem = TestVmwareStateBuilder.Vmem(11, Regions)[..(10 * PageSize)];
        using var image = Open(State(), vmem);

        Assert.That(image.Warnings, Has.One.Contains("truncated"));
        AssertRead(image.Memory, 0x13000, PageSize);
        Assert.Throws<ImageFormatException>(() => image.Memory.Read(0x14000, new byte[16]));
    }

    [Test]
    public void AbsurdGroupCountIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestVmwareStateBuilder { GroupCountOverride = 1_000_000 }.MemoryRegions(Regions)));
        Assert.That(ex!.Offset, Is.EqualTo(8));
        Assert.That(ex.FilePath, Is.EqualTo("test.vmss"));
        Assert.That(ex.Message, Does.Contain("groupCount"));
    }

    [Test]
    public void GroupTableBeyondTheFileIsRejected()
    {
        Assert.Throws<ImageFormatException>(() => Open(new TestVmwareStateBuilder { GroupCountOverride = 40 }.MemoryRegions(Regions)));
    }

    [Test]
    public void RegionBeyondFiftyTwoBitsIsRejected()
    {
        var state = new TestVmwareStateBuilder().Group("memory").Number("regionsCount", 1, 4)
            .Number("regionPPN", 1UL << 41, 8, 0).Number("regionPageNum", 0, 4, 0).Number("regionSize", 1, 4, 0);

        var ex = Assert.Throws<ImageFormatException>(() => Open(state));
        Assert.That(ex!.Message, Does.Contain("regionPPN[0]").And.Contain("52-bit"));
    }

    [Test]
    public void RegionEndingBeyondFiftyTwoBitsIsRejected()
    {
        var state = new TestVmwareStateBuilder().Group("memory").Number("regionsCount", 1, 4)
            .Number("regionPPN", (1UL << 40) - 1, 8, 0).Number("regionPageNum", 0, 4, 0).Number("regionSize", 2, 4, 0);

        var ex = Assert.Throws<ImageFormatException>(() => Open(state));
        Assert.That(ex!.Message, Does.Contain("region 0").And.Contain("52-bit"));
    }

    [Test]
    public void MissingRegionTagIsRejected()
    {
        var state = new TestVmwareStateBuilder().Group("memory").Number("regionsCount", 2, 4)
            .Number("regionPPN", 0, 4, 0).Number("regionPageNum", 0, 4, 0).Number("regionSize", 1, 4, 0)
            .Number("regionPPN", 4, 4, 1).Number("regionSize", 1, 4, 1).Number("align_mask", 0, 4);

        var ex = Assert.Throws<ImageFormatException>(() => Open(state));
        Assert.That(ex!.Message, Does.Contain("regionPageNum[1]").And.Contain("missing"));
    }

    [Test]
    public void AbsurdRegionsCountIsRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestVmwareStateBuilder().Group("memory").Number("regionsCount", uint.MaxValue, 4)));
        Assert.That(ex!.Message, Does.Contain("regionsCount"));
    }

    [Test]
    public void OverlappingRegionsAreRejected()
    {
        var ex = Assert.Throws<ImageFormatException>(() => Open(new TestVmwareStateBuilder().MemoryRegions((0, 0, 4), (2, 4, 4))));
        Assert.That(ex!.Message, Does.Contain("overlaps"));
    }

    [Test]
    public void StateFileWithEmbeddedMemory()
    {
        var memory = TestVmwareStateBuilder.Vmem(6, (0, 0, 2), (0x20, 2, 4));
        var state = new TestVmwareStateBuilder().Group("cpu").Number("cpu:numVCPUs", 1, 4)
            .MemoryRegions((0, 0, 2), (0x20, 2, 4)).Block("Memory", memory, padding: 6);
        using var image = VmwareImage.OpenStateOnly(new TestArraySource(state.ToArray(), "embedded.vmsn"));

        Assert.That(image.Format, Does.Contain("embedded memory"));
        Assert.That(image.Path, Is.EqualTo("embedded.vmsn"));
        Assert.That(image.Memory.Runs, Is.EqualTo(new[] { new PhysicalRun(0, 0x2000), new PhysicalRun(0x20000, 0x4000) }));
        AssertRunsReadBack(image.Memory);
        AssertHole(image.Memory, 0x2000);
    }

    [Test]
    public void EmbeddedRegionBeyondTheMemoryBlockCannotBeRead()
    {
        var state = new TestVmwareStateBuilder().MemoryRegions((0, 0, 2), (0x20, 2, 2)).Block("Memory", TestVmwareStateBuilder.Vmem(2, (0, 0, 2)))
            .Group("later").Block("filler", new byte[3 * PageSize]);
        using var image = VmwareImage.OpenStateOnly(new TestArraySource(state.ToArray(), "short.vmsn"));

        Assert.That(image.Warnings, Has.One.Contains("truncated"));
        AssertRead(image.Memory, 0, 2 * PageSize);
        Assert.Throws<ImageFormatException>(() => image.Memory.Read(0x20000, new byte[16]));
    }

    [Test]
    public void StateFileWithoutEmbeddedMemoryNeedsTheVmem()
    {
        var ex = Assert.Throws<ImageFormatException>(() => VmwareImage.OpenStateOnly(new TestArraySource(State().ToArray(), "test.vmss")));
        Assert.That(ex!.Message, Does.Contain(".vmem"));
    }

    [Test]
    public void CompressedEmbeddedMemoryIsRejected()
    {
        var state = new TestVmwareStateBuilder().Group("memory").Block("Memory", new byte[64], compressed: true);
        var ex = Assert.Throws<ImageFormatException>(() => VmwareImage.OpenStateOnly(new TestArraySource(state.ToArray(), "c.vmsn")));
        Assert.That(ex!.Message, Does.Contain("compressed"));
    }

    [Test]
    public void ImageOwnsBothFiles()
    {
        var vmem = new TestArraySource(TestVmwareStateBuilder.Vmem(11, Regions), "test.vmem");
        var state = new TestArraySource(State().ToArray(), "test.vmss");
        var image = VmwareImage.Open(vmem, state);
        Assert.That(image.Path, Is.EqualTo("test.vmem"));

        image.Dispose();
        Assert.That(vmem.Disposed && state.Disposed, Is.True);
    }

    [Test]
    public void SiblingFilesAreFound()
    {
        var dir = Directory.CreateTempSubdirectory("memfs-vmware-");
        try
        {
            var vmem = Path.Combine(dir.FullName, "Windows 10-Snapshot3.vmem");
            File.WriteAllBytes(vmem, TestVmwareStateBuilder.Vmem(11, Regions));
            Assert.That(VmwareImage.FindStateFile(vmem), Is.Null);

            var vmsn = Path.ChangeExtension(vmem, ".vmsn");
            File.WriteAllBytes(vmsn, State().ToArray());
            Assert.That(VmwareImage.FindStateFile(vmem), Is.EqualTo(vmsn));

            var vmss = Path.ChangeExtension(vmem, ".VMSS");
            File.WriteAllBytes(vmss, State().ToArray());
            Assert.That(VmwareImage.FindStateFile(vmem), Is.EqualTo(vmss), "a .vmss is preferred, in any letter case");

            Assert.That(VmwareImage.FindMemoryFile(vmsn), Is.EqualTo(vmem));
            Assert.That(VmwareImage.FindMemoryFile(Path.Combine(dir.FullName, "other.vmss")), Is.Null);

            using var image = VmwareImage.Open(new FileByteSource(vmem), new FileByteSource(VmwareImage.FindStateFile(vmem)!));
            AssertRunsReadBack(image.Memory);
            AssertConcurrentReads(image.Memory, 100);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Test]
    public void EightThreadsReadCorrectBytes()
    {
        using var image = Open(State());
        AssertConcurrentReads(image.Memory);
    }
}

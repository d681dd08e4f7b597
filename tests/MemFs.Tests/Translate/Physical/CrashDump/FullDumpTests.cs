using MemFs.Translate.Physical;
using MemFs.Translate.Physical.CrashDump;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>Test-built full (DumpType 1) dumps, 64- and 32-bit.</summary>
public class FullDumpTests
{
    internal static readonly (ulong BasePage, ulong PageCount)[] Runs = [(0x1, 3), (0x4, 2), (0x10, 5), (0x100, 1), (0x3000, 4)];

    public static IEnumerable<TestCaseData> Dumps()
    {
        yield return new TestCaseData(true).SetArgDisplayNames("64-bit");
        yield return new TestCaseData(false).SetArgDisplayNames("32-bit");
    }

    private static PhysicalImage Open(bool is64) =>
        BuiltDumps.Open((is64 ? TestCrashDumpBuilder.Dump64(1) : TestCrashDumpBuilder.Dump32(1)).Full(Runs));

    [TestCaseSource(nameof(Dumps))]
    public void RunsFollowTheHeaderInRunOrder(bool is64)
    {
        using var image = Open(is64);
        var header = is64 ? 0x2000L : 0x1000L;
        var mapped = ((RunMappedMemory)image.Memory).MappedRuns;
        Assert.That(mapped, Is.EqualTo(new[]
        {
            new MappedRun(0x1000, 0x3000, header),
            new MappedRun(0x4000, 0x2000, header + 0x3000),
            new MappedRun(0x10000, 0x5000, header + 0x5000),
            new MappedRun(0x100000, 0x1000, header + 0xA000),
            new MappedRun(0x3000000, 0x4000, header + 0xB000),
        }));
        Assert.That(image.Memory.Runs[0], Is.EqualTo(new PhysicalRun(0x1000, 0x5000)), "adjacent runs are merged");
        Assert.That(image.Warnings, Is.Empty);
        Assert.That(image.Format, Is.EqualTo($"Windows crash dump, {(is64 ? "64" : "32")}-bit, full (run-based)"));
    }

    [TestCaseSource(nameof(Dumps))]
    public void ReadsAreExact(bool is64)
    {
        using var image = Open(is64);
        foreach (var run in image.Memory.Runs) BuiltDumps.AssertReads(image.Memory, run.Start, (int)run.Length);
        BuiltDumps.AssertReads(image.Memory, 0x3FF9, 13);
        BuiltDumps.AssertReads(image.Memory, 0x3000, 0x3000);
        BuiltDumps.AssertReads(image.Memory, 0x14FFF, 1);
        BuiltDumps.AssertReads(image.Memory, 0x3003FFF, 1);
    }

    [TestCaseSource(nameof(Dumps))]
    public void HolesAreHoles(bool is64)
    {
        using var image = Open(is64);
        foreach (var address in new[] { 0L, 0xFFF, 0x6000, 0xF000, 0x15000, 0x3004000 })
            Assert.Throws<PhysicalHoleException>(() => image.Memory.Read(address, new byte[1]), $"0x{address:X}");
        var e = Assert.Throws<PhysicalHoleException>(() => image.Memory.Read(0x5FF0, new byte[0x20]))!;
        Assert.That(e.Address, Is.EqualTo(0x6000), "a read running off a run fails at the first missing byte");
    }

    [TestCaseSource(nameof(Dumps))]
    public void HeaderFacts(bool is64)
    {
        using var image = Open(is64);
        var f = image.Facts;
        Assert.Multiple(() =>
        {
            Assert.That(f.DirectoryTableBase, Is.EqualTo(is64 ? TestCrashDumpBuilder.Dtb : TestCrashDumpBuilder.Dtb32));
            Assert.That(f.PsActiveProcessHead, Is.EqualTo(is64 ? TestCrashDumpBuilder.PsActiveProcessHead : TestCrashDumpBuilder.PsActiveProcessHead32));
            Assert.That(f.PsLoadedModuleList, Is.EqualTo(is64 ? TestCrashDumpBuilder.PsLoadedModuleList : TestCrashDumpBuilder.PsLoadedModuleList32));
            Assert.That(f.KdDebuggerDataBlock, Is.EqualTo(is64 ? TestCrashDumpBuilder.KdDebuggerDataBlock : TestCrashDumpBuilder.KdDebuggerDataBlock32));
            Assert.That(f.MachineType, Is.EqualTo(is64 ? 0x8664 : 0x14C));
            Assert.That(f.PaeEnabled, is64 ? Is.Null : Is.True);
            Assert.That(f.BuildNumber, Is.EqualTo(TestCrashDumpBuilder.Build));
            Assert.That(f.BugCheckCode, Is.EqualTo(0x1000007E));
            Assert.That(f.SystemTime, Is.EqualTo(DateTime.FromFileTimeUtc(0x01D707F23DBB3399)));
            Assert.That(f.KernelBase, Is.Null);
            Assert.That(f.DumpType, Is.EqualTo("full (run-based)"));
            Assert.That(f.Other, Does.Contain(KeyValuePair.Create("PhysicalMemoryBlock.NumberOfRuns", "5")));
            Assert.That(f.Other, Does.Contain(KeyValuePair.Create("PhysicalMemoryBlock.NumberOfPages", "15")));
        });
        if (is64) Assert.That(f.Other, Does.Contain(KeyValuePair.Create("Comment", "test dump")));
    }

    [Test]
    public void MostRunsThatFitBeforeContextRecord()
    {
        var runs = Enumerable.Range(0, 43).Select(i => ((ulong)(2 * i), 1UL)).ToArray();
        using var image = BuiltDumps.Open(TestCrashDumpBuilder.Dump64(1).Full(runs));
        Assert.That(image.Memory.Runs, Has.Count.EqualTo(43));
        BuiltDumps.AssertReads(image.Memory, 84 * 0x1000, 0x1000);
    }

    [Test]
    public void NumberOfPagesDisagreeingWithTheRunsIsWarned()
    {
        var bytes = TestCrashDumpBuilder.Dump64(1).Full(Runs);
        BitConverter.GetBytes(99UL).CopyTo(bytes, 0x90);
        using var image = BuiltDumps.Open(bytes);
        Assert.That(image.Warnings, Has.Some.Contains("NumberOfPages"));
    }

    [Test]
    public void TruncatedFullDumpReadsUpToItsEnd()
    {
        var bytes = TestCrashDumpBuilder.Dump64(1).Full(Runs);
        using var image = BuiltDumps.Open(bytes[..(0x2000 + 0x4000)]);
        BuiltDumps.AssertReads(image.Memory, 0x1000, 0x4000);
        Assert.That(image.Warnings, Has.Some.Contains("truncated").And.Contains("from physical 0x5000"));
        var e = Assert.Throws<ImageFormatException>(() => image.Memory.Read(0x5000, new byte[8]))!;
        Assert.That(e.Message, Does.Contain("truncated"));
    }

    [Test]
    public void DisposingTheImageDisposesTheSource()
    {
        var source = new TestArraySource(TestCrashDumpBuilder.Dump64(1).Full(Runs), "/evidence/built.dmp");
        CrashDumpImage.Open(source).Dispose();
        Assert.That(source.Disposed, Is.True);
    }
}

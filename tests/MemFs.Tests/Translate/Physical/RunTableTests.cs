using MemFs.Translate.Physical;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical;

public class RunTableTests
{
    [Test]
    public void RunsAreSortedAndAdjacentOnesMergeForDisplay()
    {
        var table = RunTable.Validate([new(0x3000, 0x1000, 0x1000), new(0x1000, 0x2000, 0)], "f", 0x2000, "runs");
        Assert.That(table.Runs.Select(r => r.Start), Is.EqualTo(new[] { 0x1000L, 0x3000L }));
        Assert.That(RunTable.Merge(table.Runs), Is.EqualTo(new[] { new PhysicalRun(0x1000, 0x3000) }));
        Assert.That(table.Warnings, Is.Empty);
    }

    [Test]
    public void OverlappingRunsAreAnErrorNamingFileOffsetAndField()
    {
        var error = Assert.Throws<ImageFormatException>(() =>
            RunTable.Validate([new(0x1000, 0x2000, 0), new(0x2000, 0x1000, 0x2000)], "dump.dmp", 1 << 20, "PhysicalMemoryBlock", 0x88))!;
        Assert.That(error.Message, Does.Contain("dump.dmp").And.Contain("0x88").And.Contain("PhysicalMemoryBlock").And.Contain("overlap"));
    }

    [Test]
    public void RunsBeyondTheFiftyTwoBitSpaceAreRejected()
    {
        Assert.That(() => RunTable.Validate([new(1L << 52, 0x1000, 0)], "f", 1 << 20, "runs"),
            Throws.InstanceOf<ImageFormatException>().With.Message.Contains("52-bit"));
        Assert.That(() => RunTable.Validate([new(0, long.MaxValue, 0)], "f", 1 << 20, "runs"), Throws.InstanceOf<ImageFormatException>());
    }

    [Test]
    public void RunsPastTheEndOfTheFileAreKeptWithOneWarning()
    {
        var table = RunTable.Validate([new(0, 0x1000, 0), new(0x10000, 0x3000, 0x1000), new(0x20000, 0x1000, 0x4000)], "cut.dmp", 0x2000, "runs");
        Assert.That(table.Runs, Has.Count.EqualTo(3));
        Assert.That(table.Warnings, Has.Count.EqualTo(1));
        Assert.That(table.Warnings[0], Does.Contain("truncated").And.Contain("0x11000").And.Contain((0x2000 + 0x1000).ToString("N0")));
    }
}

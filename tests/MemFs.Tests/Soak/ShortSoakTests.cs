using MemFs.Soak;
using MemFs.Soak.Options;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Soak;

/// <summary>
/// The soak command (tests/Soak) for 20 seconds on a small bulk image, so it keeps building and working: a real mount
/// read by 16 threads over regions, vmem, executables and pictures, no error, no wrong byte, RssAnon within budget.
/// </summary>
[NonParallelizable]
public class ShortSoakTests
{
    [Test]
    public void TwentySecondsOfRandomReadsGiveNoErrorAndNoWrongByte()
    {
        FuseRequirement.Require();
        var options = new SoakOptions { Duration = TimeSpan.FromSeconds(20), Threads = 16, BulkPages = 4096, CacheSize = "16M", CacheBytes = 16L << 20 };
        var summary = SoakRun.Run(options, "ShortSoakTests", TestContext.Out);
        summary.Print(TestContext.Out);
        Assert.That(summary.Reads, Is.GreaterThan(100));
        Assert.That(summary.ReadsByKind.Keys, Is.SupersetOf(new[] { "region", "vmem", "executable", "memory.bin", "picture" }));
        Assert.That(summary.Problems, Is.Empty);
        Assert.That((summary.Errors, summary.WrongReads, summary.WrongBytes), Is.EqualTo((0L, 0L, 0L)));
        Assert.That(summary.RssSamples, Is.GreaterThan(5), "RssAnon sampled every second");
        Assert.That(summary.RssMax, Is.InRange(1, options.RssBudget));
        Assert.That(summary.ServerExit, Is.Zero);
        Assert.That(summary.Passed);
    }

    [Test]
    public void ArgumentsSetDurationThreadsAndCacheSize()
    {
        var options = SoakArguments.Parse(["--minutes", "30", "--threads", "16", "--cache-size", "64M", "--bulk-pages", "1024"]);
        Assert.That((options.Duration, options.Threads, options.CacheBytes, options.CacheSize, options.BulkPages),
            Is.EqualTo((TimeSpan.FromMinutes(30), 16, 64L << 20, "64M", 1024)));
        Assert.That(options.RssBudget, Is.EqualTo((64L << 20) + SoakOptions.DefaultAllowance));
        Assert.Throws<ArgumentException>(() => SoakArguments.Parse(["--cache-size", "lots"]));
        Assert.Throws<ArgumentException>(() => SoakArguments.Parse(["--threads"]));
    }
}

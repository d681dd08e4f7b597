using MemFs.Tests.Demo;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>--pagefile</c> conflicts and nonsense are said, not silent: a command-line pagefile 0 over the demo AFF4's own
/// (stderr says which wins), the same file given twice (names both arguments), a file that is no whole pages.
/// </summary>
public class PagefileOptionTests
{
    private string _directory = "";
    private string _demo = "";
    private string _pagefile = "";

    [OneTimeSetUp]
    public void Build()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-pagefile-").FullName;
        _demo = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(_demo, DemoImageBuilder.Build(new DemoSystem()));
        _pagefile = Path.Combine(_directory, "pagefile.sys");
        File.WriteAllBytes(_pagefile, new byte[2 * 4096]);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    [Test]
    public void ACommandLinePagefileOverTheImagesOwnSaysWhichWins()
    {
        var result = MemFsProcess.Run("ps", _demo, "--pagefile", _pagefile);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stderr, Does.Contain($"warning: pagefiles (pagefile 0): --pagefile {_pagefile} wins over the image's own")
            .And.Contain("replaces the image's of the same number"));
    }

    [Test]
    public void TheSameFileTwiceIsAnErrorNamingBothArguments()
    {
        var result = MemFsProcess.Run("ps", _demo, "--pagefile", _pagefile, "--pagefile", "1=" + _pagefile);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Stderr);
        Assert.That(result.Stderr, Does.Contain($"--pagefile {_pagefile} and --pagefile 1={_pagefile} name the same file"));
    }

    [TestCase(1221)]
    [TestCase(4096 + 1)]
    public void AFileOfNoWholePagesIsRefused(int bytes)
    {
        var tiny = Path.Combine(_directory, $"tiny{bytes}.sys");
        File.WriteAllBytes(tiny, new byte[bytes]);
        var result = MemFsProcess.Run("ps", _demo, "--pagefile", tiny);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
        Assert.That(result.Stderr, Does.Contain($"{tiny} is {bytes:N0} bytes, not a paging file (a paging file is whole 4096-byte pages"));
    }
}

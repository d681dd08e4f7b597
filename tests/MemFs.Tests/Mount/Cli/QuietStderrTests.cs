using MemFs.Tests.Demo;
using MemFs.Tests.Translate.Windows.Kernel;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Stderr says only what changes the result: the demo image (whose EPROCESS heuristics leave notes and whose exact
/// profile is rejected before the build family is used) prints nothing there, while a broken process list still warns.
/// </summary>
public class QuietStderrTests
{
    private string _directory = "";
    private string _demo = "";

    [OneTimeSetUp]
    public void Build()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-quiet-").FullName;
        _demo = Path.Combine(_directory, "demo.aff4");
        File.WriteAllBytes(_demo, DemoImageBuilder.Build(new DemoSystem()));
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    [TestCase("ps")]
    [TestCase("vads", "--pid", "7088")]
    [TestCase("modules")]
    [TestCase("ls")]
    [TestCase("ls", "/processes")]
    [TestCase("cat", "/README.txt")]
    [TestCase("vtop", "0xFFFFF8047BA00000")]
    public void TheDemoPrintsNothingOnStderr(string command, params string[] rest)
    {
        var result = MemFsProcess.Run([command, _demo, .. rest]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stderr, Is.Empty);
        Assert.That(result.Text, Is.Not.Empty);
    }

    [Test]
    public void TheHeuristicsNotesStayInInfo()
    {
        var result = MemFsProcess.Run("info", _demo);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain("note: heuristics: VadRoot").And.Contain("profile rejected by validation"));
        Assert.That(result.Stderr, Is.Empty);
    }

    [TestCase("ps")]
    [TestCase("ls", "/processes")]
    public void ABrokenProcessListStillWarns(string command, params string[] rest)
    {
        using var image = new SyntheticWindowsRaw(new TestKernelOptions { Corruption = ListCorruption.Dangling });
        var result = MemFsProcess.Run([command, image.Raw, .. rest]);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stderr, Does.Contain("warning: process list: list at").And.Contain("cannot be read"));
    }
}

using MemFs.Tests.Mount.Cli;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>
/// A process whose header page is not in memory (a private copy paged out with no pagefile): executable.exe is
/// rebuilt from the file on disk's headers and says so; without the file there is nothing to rebuild from, and
/// recovery.txt says why instead of an executable.exe appearing.
/// </summary>
public class DamagedHeaderTests
{
    private RealPeProcess _pe = null!;

    [OneTimeSetUp]
    public void Build() => _pe = new RealPeProcess(damagedHeaders: true);

    [OneTimeTearDown]
    public void Delete() => _pe?.Dispose();

    private MemFsProcess.Result Cat(string file, params string[] options) =>
        MemFsProcess.Run(["cat", _pe.Raw, _pe.ProcessDirectory + "/" + file, .. options]);

    [Test]
    public void HeadersComeFromTheFileOnDiskAndTheReportSaysSo()
    {
        var report = Cat("recovery.txt", "--files", _pe.Files);
        Assert.That(report.ExitCode, Is.Zero, report.Stderr);
        TestContext.Out.WriteLine(report.Text);
        Assert.That(report.Text, Does.Contain("Headers          from the file on disk (the headers in memory: the header page cannot be read"));

        var executable = Cat("executable.exe", "--files", _pe.Files);
        Assert.That(executable.ExitCode, Is.Zero, executable.Stderr);
        Assert.That(executable.Stdout, Is.EqualTo(_pe.ExpectedExecutable(withFile: true)), "the headers are the file's, everything else as without damage");
    }

    [Test]
    public void WithoutTheFileNothingIsRebuiltAndTheReasonIsGiven()
    {
        var listing = MemFsProcess.Run("ls", _pe.Raw, _pe.ProcessDirectory);
        Assert.That(listing.ExitCode, Is.Zero, listing.Stderr);
        Assert.That(listing.Text.Split('\n'), Does.Not.Contain("executable.exe").And.Contain("recovery.txt"));
        var report = Cat("recovery.txt");
        Assert.That(report.Text, Does.Contain("cannot be rebuilt: no usable PE headers").And.Contain("the header page cannot be read"));
    }
}

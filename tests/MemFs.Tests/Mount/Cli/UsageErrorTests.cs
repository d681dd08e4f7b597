using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>Every usage error: exit 2, one line "memfs: problem", then where to read the command's help; no help dump.</summary>
public class UsageErrorTests
{
    [TestCase(new[] { "bogus" }, "unrecognized command or argument 'bogus'", "memfs")]
    [TestCase(new string[0], "required command", "memfs")]
    [TestCase(new[] { "vmem", "cat", "image.raw", "--offset", "1" }, "'--length' is required", "memfs vmem cat")]
    [TestCase(new[] { "ps", "image.raw", "--build", "x" }, "--build 'x': not a whole number", "memfs ps")]
    [TestCase(new[] { "aff4", "hash" }, "'IMAGE' missing", "memfs aff4 hash")]
    [TestCase(new[] { "physical", "cat", "image.raw", "--offset", "zz", "--length", "1" }, "--offset 'zz' is not", "memfs physical cat")]
    [TestCase(new[] { "vads", "image.raw", "--pid", "zz" }, "--pid 'zz'", "memfs vads")]
    public void IsOneLineAndExitTwo(string[] args, string problem, string command)
    {
        var result = MemFsProcess.Run(args);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Stderr);
        var lines = result.Stderr.TrimEnd().Split('\n');
        Assert.That(lines, Has.Length.EqualTo(2), result.Stderr);
        Assert.That(lines[0], Does.StartWith("memfs: ").And.Contain(problem));
        Assert.That(lines[1], Is.EqualTo($"see '{command} --help'"));
        Assert.That(result.Stderr + result.Text, Does.Not.Contain("System.").And.Not.Contain("Description:"));
    }

    [Test]
    public void AMissingImageIsBadInputExitOne()
    {
        var result = MemFsProcess.Run("info", "/nonexistent/memory.raw");
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith("memfs: ").And.Contain("/nonexistent/memory.raw"));
    }

    [TestCase("info")]
    [TestCase("ls")]
    [TestCase("ps")]
    [TestCase("aff4", "info")]
    public void ADirectoryAsTheImageIsSaidToBeOne(params string[] command)
    {
        var directory = Directory.CreateTempSubdirectory("memfs-not-an-image-").FullName;
        try
        {
            var result = MemFsProcess.Run([.. command, directory]);
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Stderr.TrimEnd(), Is.EqualTo($"memfs: error: {directory}: is a directory; " + (command[0] == "aff4" ? "an AFF4 volume" : "the image") + " must be a file"));
        }
        finally
        {
            Directory.Delete(directory);
        }
    }
}

using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// A file that cannot be memory (a 1 KiB text file; 2 MiB without a DTB or kernel, as a pagefile given in the image's
/// place) is refused by <c>mount</c> and <c>ls</c> with one line naming the reason and --force; with --force it opens
/// and stderr says there is no Windows kernel, and why.
/// </summary>
[NonParallelizable]
public class ImplausibleImageTests
{
    private string _directory = "";
    private string _text = "";
    private string _pagefile = "";

    [OneTimeSetUp]
    public void Build()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-implausible-").FullName;
        _text = Path.Combine(_directory, "notes.txt");
        File.WriteAllText(_text, string.Concat(Enumerable.Repeat("not a memory image\n", 54)));
        _pagefile = Path.Combine(_directory, "pagefile.sys");
        var bytes = new byte[2 << 20];
        new Random(7).NextBytes(bytes);
        File.WriteAllBytes(_pagefile, bytes);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    [Test]
    public void LsRefusesATextFile()
    {
        var result = MemFsProcess.Run("ls", _text);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
        Assert.That(result.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("notes.txt is 1,026 bytes, too small for a raw memory image").And.Contain("--force lists it anyway"));
        Assert.That(result.Text, Is.Empty);
    }

    [Test]
    public void LsRefusesAPagefileGivenAsTheImage()
    {
        var result = MemFsProcess.Run("ls", _pagefile);
        Assert.That(result.ExitCode, Is.EqualTo(1), result.Stderr);
        Assert.That(result.Stderr, Does.Contain("neither a DTB nor a Windows kernel found in this raw image").And.Contain("--force"));
    }

    [Test]
    public void LsWithForceListsAndWarns()
    {
        var result = MemFsProcess.Run("ls", _text, "--force");
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain("processes/"));
        Assert.That(result.Stderr, Does.StartWith("warning: no Windows kernel found, so no processes: ").And.Contain("no kernel DTB found"));
    }

    [Test]
    public void MountRefusesATextFileAndMountsItWithForce()
    {
        FuseRequirement.Require();
        var mount = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        var refused = MemFsProcess.Run("mount", _text, mount);
        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.Stderr);
        Assert.That(refused.Stderr, Does.Contain("too small for a raw memory image").And.Contain("--force mounts it anyway"));
        Assert.That(MountTable.Find(mount), Is.Null);

        var forced = MemFsProcess.Run("mount", _text, mount, "--force");
        try
        {
            Assert.That(forced.ExitCode, Is.Zero, forced.Stderr);
            Assert.That(forced.Stderr, Does.Contain("warning: no Windows kernel found, so no processes: "));
            Assert.That(Directory.GetDirectories(Path.Combine(mount, "processes")), Is.Empty);
        }
        finally
        {
            if (MountTable.Find(mount) is not null) Shell.Run("fusermount3", "-u", mount);
            MountTable.WaitUntil(() => MountTable.Find(mount) is null, TimeSpan.FromSeconds(10));
        }
    }
}

using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Support;
using MemFs.Tests.Translate.Physical.CrashDump;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// A triage dump holds no physical memory: ps says so instead of blaming symbols, the tree shows the dump's driver
/// list as kernel/drivers.txt, and README.txt and image/info.txt say why physical.raw is empty and there are no processes.
/// </summary>
[NonParallelizable]
public class TriageDumpCommandTests
{
    private const string NoMemory = "triage (mini kernel) dump holds no physical memory";

    private string _directory = "";
    private string _built = "";

    [OneTimeSetUp]
    public void Write()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-triage-").FullName;
        _built = Path.Combine(_directory, "built.dmp");
        File.WriteAllBytes(_built, TriageDumpTests.Build());
    }

    [OneTimeTearDown]
    public void Remove()
    {
        var mount = Path.Combine(_directory, "mount");
        if (MountTable.Find(mount) is not null)
        {
            Shell.Run("fusermount3", "-u", mount);
            MountTable.WaitUntil(() => MountTable.Find(mount) is null, TimeSpan.FromSeconds(10));
        }
        Directory.Delete(_directory, true);
    }

    [Test]
    public void PsSaysTheDumpHoldsNoMemoryRatherThanBlamingSymbols()
    {
        var result = MemFsProcess.Run("ps", SharedData.Require("crashdump/triage_x64.dmp"));
        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stderr, Does.Contain(NoMemory).And.Contain("no page tables"));
        Assert.That(result.Stderr, Does.Not.Contain("symbol source"));
    }

    [Test]
    public void DriversTxtIsTheBuiltDumpsDriverList()
    {
        var listing = MemFsProcess.Run("ls", _built, "/kernel");
        Assert.That(listing.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "drivers.txt" }), listing.Stderr);
        var text = MemFsProcess.Run("cat", _built, "/kernel/drivers.txt");
        Assert.That(text.ExitCode, Is.Zero, text.Stderr);
        var rows = text.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.That(rows.Select(r => (Convert.ToUInt64(r[0], 16), Convert.ToUInt32(r[1], 16), Convert.ToUInt32(r[2], 16), r[3], r[4])),
            Is.EqualTo(TriageDumpTests.Drivers.Select(d => (d.Base, d.Size, d.TimeDateStamp, d.Path[(d.Path.LastIndexOf('\\') + 1)..], d.Path))));
    }

    [Test]
    public void DriversTxtOfTheRealDumpMatchesItsDriverList()
    {
        var text = MemFsProcess.Run("cat", SharedData.Require("crashdump/triage_x64.dmp"), "/kernel/drivers.txt");
        Assert.That(text.ExitCode, Is.Zero, text.Stderr);
        var rows = text.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(r => (r[4], Convert.ToUInt64(r[0], 16), Convert.ToUInt32(r[1], 16), Convert.ToUInt32(r[2], 16))).ToArray();
        var expected = File.ReadAllLines(SharedData.Require("crashdump/triage_x64.drivers.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Select(f => (f[1], Convert.ToUInt64(f[2], 16), Convert.ToUInt32(f[3], 16), Convert.ToUInt32(f[4], 16))).ToArray();
        Assert.That(rows, Is.EqualTo(expected));
    }

    [Test]
    public void ModulesPrintsTheDriversWithTheirTimestamps()
    {
        var result = MemFsProcess.Run("modules", _built);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Text, Does.Contain("0xFFFFF8048B580000      3B000 C9C03000  amdppm.sys"));
    }

    [Test]
    public void ReadmeAndInfoSayWhyThereIsNoMemory()
    {
        foreach (var file in new[] { "/README.txt", "/image/info.txt" })
        {
            var result = MemFsProcess.Run("cat", _built, file);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            Assert.That(result.Text, Does.Contain(NoMemory).And.Contain("image/physical.raw is empty"), file);
            Assert.That(result.Text, Does.Not.Contain("symbol source gave"), file);
        }
    }

    [Test]
    public void TheMountShowsTheDriversAndAnEmptyPhysicalRaw()
    {
        FuseRequirement.Require();
        var mount = Directory.CreateDirectory(Path.Combine(_directory, "mount")).FullName;
        var result = MemFsProcess.Run("mount", _built, mount);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stderr, Does.Contain(NoMemory));
        Assert.That(File.ReadAllLines(Path.Combine(mount, "kernel", "drivers.txt")), Has.Length.EqualTo(1 + TriageDumpTests.Drivers.Length));
        Assert.That(new FileInfo(Path.Combine(mount, "image", "physical.raw")).Length, Is.Zero);
        Assert.That(File.ReadAllText(Path.Combine(mount, "README.txt")), Does.Contain(NoMemory));
        Assert.That(Directory.GetFileSystemEntries(Path.Combine(mount, "processes")), Is.Empty);
    }
}

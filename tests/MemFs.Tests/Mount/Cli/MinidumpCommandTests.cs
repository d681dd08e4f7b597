using MemFs.Tests.Demo;
using MemFs.Tests.Vfs;
using MemFs.Tests.Vfs.Minidump;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary><c>memfs minidump --pid N -o FILE</c>: the tree's minidump.dmp bytes, on the demo AFF4 and on a synthetic Windows 10 raw image.</summary>
public class MinidumpCommandTests
{
    [Test]
    public void WritesTheBytesTheTreeServes()
    {
        var directory = Directory.CreateTempSubdirectory("memfs-minidump-cli-").FullName;
        try
        {
            var demo = Path.Combine(directory, "demo.aff4");
            File.WriteAllBytes(demo, DemoImageBuilder.Build(new DemoSystem()));
            var output = Path.Combine(directory, "explorer.dmp");
            var result = MemFsProcess.Run("minidump", demo, "--pid", "4312", "-o", output);
            Assert.That(result.ExitCode, Is.Zero, result.Stderr);
            using var tree = new SessionTree(new EvidenceOptions(demo));
            Assert.That(File.ReadAllBytes(output), Is.EqualTo(tree.Bytes("/processes/4312-explorer.exe/minidump.dmp")));
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Test]
    public void TheSyntheticWindowsProcessDumpHoldsItsModulesAndPagesAndLeavesOutTheHole()
    {
        using var image = new SyntheticWindowsRaw();
        var output = Path.Combine(image.Directory, "explorer.dmp");
        var result = MemFsProcess.Run("minidump", image.Raw, "--pid", image.Explorer.Pid.ToString(), "-o", output);
        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        var dump = File.ReadAllBytes(output);
        using var tree = new SessionTree(new EvidenceOptions(image.Raw));
        var reader = MinidumpChecks.AssertMatches(dump, tree.View(image.Explorer.Pid));
        Assert.That(reader.ReadSystemInfo().Build, Is.EqualTo(19041u));
        Assert.That(reader.ReadModules().Select(m => m.Name), Is.EqualTo(new[] { "explorer.exe", @"\Windows\System32\ntdll.dll" }).Or.Contains(@"\Windows\System32\ntdll.dll"));
        var ranges = reader.ReadMemory64();
        var valid = ranges.Single(r => r.Va <= SyntheticWindowsRaw.ValidPage && SyntheticWindowsRaw.ValidPage < r.Va + r.Size);
        Assert.That(reader.Bytes(valid.Offset + (long)(SyntheticWindowsRaw.ValidPage - valid.Va), 4096).ToArray(), Is.EqualTo(image.ValidPageBytes));
        Assert.That(ranges, Has.None.Matches<(ulong Va, ulong Size, long Offset)>(r => r.Va <= SyntheticWindowsRaw.PagedOutPage && SyntheticWindowsRaw.PagedOutPage < r.Va + r.Size),
            "the paged-out page (no pagefile given) is a hole, left out");
        Assert.That(reader.ReadMiscInfo().CreateTime, Is.EqualTo((uint)new DateTimeOffset(image.Explorer.Created).ToUnixTimeSeconds()));
    }
}

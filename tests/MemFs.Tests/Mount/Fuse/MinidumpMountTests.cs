using MemFs.Tests.Vfs;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>minidump.dmp through a real FUSE mount: ls -l of the process directory produces nothing and lists the
/// dump's exact size; cp of the dump gives the bytes the tree serves in-process.</summary>
[NonParallelizable]
public class MinidumpMountTests
{
    private const string Explorer = "processes/4312-explorer.exe";

    [Test]
    public void LsProducesNothingAndCpGivesTheInProcessBytes()
    {
        FuseRequirement.Require();
        using var tree = SessionTree.Demo();
        var expected = tree.Bytes("/" + Explorer + "/minidump.dmp");
        using var mount = TestMount.Start(tree.Session.Tree);
        var before = WholeFile.Productions;
        var ls = Shell.Run("ls", "-l", mount[Explorer]);
        Assert.That(ls.ExitCode, Is.Zero, ls.Stderr);
        Assert.That(WholeFile.Productions - before, Is.Zero, "ls -l produced nothing");
        var line = ls.Stdout.Split('\n').Single(l => l.EndsWith(" minidump.dmp", StringComparison.Ordinal));
        Assert.That(line, Does.Contain($" {expected.Length} "), "the size before any read is the dump's");
        var copy = Path.Combine(Path.GetTempPath(), $"memfs-minidump-{Guid.NewGuid():N}.dmp");
        try
        {
            var cp = Shell.Run("cp", mount[Explorer + "/minidump.dmp"], copy);
            Assert.That(cp.ExitCode, Is.Zero, cp.Stderr);
            Assert.That(File.ReadAllBytes(copy), Is.EqualTo(expected));
        }
        finally
        {
            File.Delete(copy);
        }
    }
}

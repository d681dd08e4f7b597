using MemFs.Tests.Vfs;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>
/// stat of every file in a process directory of the demo image, through the mount, produces nothing: reports and
/// pictures are 0 bytes until read (direct_io), every other file has its exact size; reading then gives every file's
/// whole bytes (the size stat gave, or for a file produced whole the length the tree knows once produced).
/// </summary>
[NonParallelizable]
public class StatWithoutRenderingTests
{
    private const string Explorer = "processes/4312-explorer.exe";

    [Test]
    public void StatOfEveryFileInAProcessDirectoryRendersNothingAndReadsGiveTheSizes()
    {
        FuseRequirement.Require();
        using var tree = SessionTree.Demo();
        using var mount = TestMount.Start(tree.Session.Tree);
        var before = WholeFile.Productions;

        var files = Directory.EnumerateFiles(mount[Explorer], "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Stat: new FileInfo(path).Length)).ToList();

        Assert.That(WholeFile.Productions - before, Is.Zero, "stat of every file produced nothing");
        var relative = files.Select(f => Path.GetRelativePath(mount[Explorer], f.Path)).ToList();
        Assert.That(relative, Is.SupersetOf(new[]
        {
            "info.txt", "vads.txt", "vadmap.txt", "threads.txt", "handles.txt", "ldrmodules.txt", "coverage.txt", "vmem.png", "patches.txt", "executable.exe", "memory.bin",
            "recovery.txt", "executable.png", "recovery.png", "unloaded.txt", Path.Combine("modules", "ntdll.dll", "recovery.txt"),
        }));
        var checkedFiles = 0;
        foreach (var (path, stat) in files.Where(f => Path.GetFileName(f.Path) != "vmem"))
        {
            var node = (VfsFile)tree.Node("/" + Path.GetRelativePath(mount.Path, path).Replace('\\', '/'));
            var read = File.ReadAllBytes(path);
            if (node.ProducedWhole)
            {
                Assert.That(stat, Is.Zero, $"{path}: produced whole, size unknown before the first read");
                Assert.That(read, Has.Length.EqualTo(node.Length).And.Length.GreaterThan(0), $"{path}: read whole");
            }
            else
            {
                Assert.That(read, Has.Length.EqualTo(stat), $"{path}: the size stat gave is the bytes read");
            }
            checkedFiles++;
        }
        Assert.That(checkedFiles, Is.GreaterThanOrEqualTo(12));
        Assert.That(WholeFile.Productions - before, Is.GreaterThanOrEqualTo(files.Count(f => f.Stat == 0)), "reading produced them");
    }
}

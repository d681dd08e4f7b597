using MemFs.Tests.Vfs;
using MemFs.Vfs.Tree;
using NUnit.Framework;
using static MemFs.Tests.Demo.DemoLayout;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>
/// /findings.txt and the processes' findings.txt through a real mount of the demo image: listing / renders nothing and
/// stat says 0 bytes; read, they hold the demo's findings, and each line's file to open next exists in the mount.
/// </summary>
[NonParallelizable]
public class FindingsMountTests
{
    [Test]
    public void FindingsFilesRenderOnReadAndNameFilesThatExist()
    {
        FuseRequirement.Require();
        using var tree = SessionTree.Demo();
        using var mount = TestMount.Start(tree.Session.Tree);
        var before = WholeFile.Productions;
        Assert.That(Directory.EnumerateFileSystemEntries(mount.Path).Select(Path.GetFileName), Does.Contain("findings.txt"));
        Assert.That(new FileInfo(mount["findings.txt"]).Length, Is.Zero, "stat before the first read");
        Assert.That(WholeFile.Productions - before, Is.Zero, "listing / and stat of /findings.txt produced nothing");

        var lines = File.ReadAllLines(mount["findings.txt"]).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(lines.Select(l => l.Split(" | ")[0]), Is.EquivalentTo(new[] { "process-not-in-active-list", "executable-unbacked", "image-not-in-loader-list" }));
        Assert.That(lines, Has.Some.Contains($"| 0x{MalwareInjected:X}-0x{MalwareInjected + 2 * Page - 1:X} |").And.Some.Contains($"| 0x{DemoDll:X}-"));
        foreach (var next in lines.Select(l => l.Split(" | ")[^1]))
            Assert.That(File.Exists(mount[next]) || Directory.Exists(mount[next]), Is.True, next);

        var notepad = File.ReadAllLines(mount[$"processes/{NotepadPid}-notepad.exe/findings.txt"]).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(notepad, Is.EqualTo(lines.Where(l => l.Contains($"| {NotepadPid} notepad.exe |"))));
        var malware = File.ReadAllLines(mount[$"unlinked/{MalwarePid}-malware.exe/findings.txt"]).Where(l => !l.StartsWith('#')).ToList();
        Assert.That(malware, Has.Count.EqualTo(2));
        var explorer = File.ReadAllLines(mount[$"processes/{ExplorerPid}-explorer.exe/findings.txt"]);
        Assert.That(explorer.Where(l => !l.StartsWith('#')), Is.Empty);
    }
}

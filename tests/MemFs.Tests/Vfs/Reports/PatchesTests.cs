using MemFs.Tests.Demo;
using MemFs.Tests.Executables;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>patches.txt in a process directory and at the root: patched code by module, section, RVA and export.</summary>
public class PatchesTests
{
    [Test]
    public void TheKernel32HookIsReportedAtCreateFileW()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var text = tree.Text(pe.ProcessDirectory + "/patches.txt");
        TestContext.Out.WriteLine(text);
        var hook = text.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.TrimStart().StartsWith('#')).ToList();
        Assert.That(hook, Has.Count.EqualTo(1), text);
        var fields = hook[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(fields, Is.EqualTo(new[] { "kernel32.dll", ".text", $"0x{RealPeProcess.HookRva:X8}", "5", "kernel32.dll!CreateFileW+0x0", "recovery.txt" }));

        var mount = tree.Text("/patches.txt");
        Assert.That(mount, Does.Contain($"kernel32.dll!CreateFileW+0x0").And.Contain($"processes/{RealPeProcess.Pid}-{RealPeProcess.Name}/recovery.txt"));
    }

    [Test]
    public void ListingADirectoryDoesNotRenderPatches()
    {
        using var demo = SessionTree.Demo();
        var explorer = demo.ProcessDirectory(DemoLayout.ExplorerPid);
        var perProcess = (VfsFile)demo.Folder(explorer).Children.Single(c => c.Name == "patches.txt");
        var whole = (VfsFile)demo.Root.Children.Single(c => c.Name == "patches.txt");
        Assert.That(perProcess.LengthKnown, Is.False, "listing the process directory left patches.txt unrendered");
        Assert.That(whole.LengthKnown, Is.False, "listing the root left /patches.txt unrendered");
        var text = demo.Text(explorer + "/patches.txt");
        Assert.That(perProcess.LengthKnown, Is.True);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Where(l => !l.TrimStart().StartsWith('#')), Is.Empty, "demo.dll's code is as on disk: nothing patched");
        Assert.That(lines, Has.Some.Contains("explorer.exe at 0x7FF6A1B00000: no file on disk to compare with"));
        Assert.That(lines, Has.None.Contains("demo.dll"), "demo.dll is compared with the copy the AFF4 volume carries");
        Assert.That(demo.Text("/patches.txt"), Does.Contain($"# processes/{DemoLayout.NotepadPid}-notepad.exe: notepad.exe at"));
    }
}

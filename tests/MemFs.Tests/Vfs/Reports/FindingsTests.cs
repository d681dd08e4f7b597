using MemFs.Tests.Executables;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>findings.txt's patched-code lines: the kernel32.dll hook patches.txt reports, at its virtual address, with its export.</summary>
public class FindingsTests
{
    [Test]
    public void ThePatchedCodeFindingIsTheKernel32HookAtItsAddress()
    {
        using var pe = new RealPeProcess();
        using var tree = new SessionTree(new EvidenceOptions(pe.Raw) { Files = pe.Files, CacheBytes = 64L << 20 });
        var text = tree.Text(pe.ProcessDirectory + "/findings.txt");
        var patched = text.Split('\n').Where(l => l.StartsWith("patched-code | ", StringComparison.Ordinal)).ToList();
        Assert.That(patched, Has.Count.EqualTo(1), text);
        var view = tree.View(RealPeProcess.Pid);
        var module = view.Images.Append(view.MainImage()).First(i => i!.Name == "kernel32.dll")!;
        var start = module.Base + RealPeProcess.HookRva;
        Assert.That(patched[0].Split(" | "), Is.EqualTo(new[]
        {
            "patched-code", $"{RealPeProcess.Pid} {RealPeProcess.Name}", $"0x{start:X}-0x{start + 4:X}", "kernel32.dll",
            "5 bytes of .text in kernel32.dll!CreateFileW+0x0 differ from the file on disk: an inline hook or patch",
            $"processes/{RealPeProcess.Pid}-{RealPeProcess.Name}/recovery.txt",
        }));
        Assert.That(tree.Text("/findings.txt"), Does.Contain(patched[0]));
    }
}

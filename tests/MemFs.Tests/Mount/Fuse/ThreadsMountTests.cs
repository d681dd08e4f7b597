using MemFs.Tests.Mount.Cli;
using MemFs.Tests.Vfs;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>threads.txt and handles.txt through a real mount of the synthetic Windows 10 image: 0 bytes until read, then every built thread and handle.</summary>
[NonParallelizable]
public class ThreadsMountTests
{
    [Test]
    public void ThreadsTxtReadsEveryBuiltThreadThroughTheKernel()
    {
        FuseRequirement.Require();
        using var image = new SyntheticWindowsRaw();
        using var tree = new SessionTree(new EvidenceOptions(image.Raw) { CacheBytes = 16L << 20 });
        using var mount = TestMount.Start(tree.Session.Tree);
        var path = Path.Combine(mount[image.ExplorerDirectory.TrimStart('/')], "threads.txt");

        Assert.That(new FileInfo(path).Length, Is.Zero, "rendered: 0 until read");
        var text = File.ReadAllText(path);

        Assert.That(text, Does.StartWith($"2 threads of {image.Explorer.Pid} explorer.exe"));
        foreach (var t in image.ExplorerThreads)
            Assert.That(text, Does.Contain($"TID {t.Tid}\n  ETHREAD          0x{t.Ethread:X}\n  PID              {t.Pid}\n")
                .And.Contain($"  TEB              0x{t.Teb:X}\n")
                .And.Contain($"  user stack       base 0x{t.UserStackBase:X} limit 0x{t.UserStackLimit:X}\n")
                .And.Contain($"  win32 start      0x{t.Win32StartAddress:X} "));
        Assert.That(text, Does.Contain("  win32 start      0x7FF600002340 explorer.exe+0x2340\n"));
        var frame = image.ExplorerThreads[1];
        Assert.That(text, Does.Contain($"  trap frame       0x{frame.TrapFrame:X}: {string.Join(' ', frame.Registers.Select(r => $"{r.Key}=0x{r.Value:X}"))}\n"));
        Assert.That(text, Does.Contain(" Rsp=0x18F00 Rip=0x7FF812345678 "));

        var handles = File.ReadAllText(Path.Combine(mount[image.ExplorerDirectory.TrimStart('/')], "handles.txt"));
        Assert.That(handles, Does.StartWith($"3 handles of {image.Explorer.Pid} explorer.exe"));
        foreach (var h in image.ExplorerHandles)
            Assert.That(handles, Does.Contain($"{$"0x{h.Handle:X}",-8} {$"0x{h.Object:X}",-18} {$"0x{h.Access:X}",-10} "));
        Assert.That(handles, Does.Contain(@"\Sessions\1\BaseNamedObjects\ExplorerIsShellMutex"));
    }
}

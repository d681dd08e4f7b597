using MemFs.Tests.Mount.Cli;
using MemFs.Vfs.Session;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Reports;

/// <summary>findings.txt's thread lines: of explorer.exe's two built threads, the one starting in its private VAD is reported, the one in explorer.exe is not.</summary>
public class ThreadStartFindingsTests
{
    [Test]
    public void OnlyTheThreadStartingOutsideEveryImageIsAFinding()
    {
        using var image = new SyntheticWindowsRaw();
        Assume.That(image.ExplorerThreads, Is.Not.Empty, "the profile has thread members");
        using var tree = new SessionTree(new EvidenceOptions(image.Raw) { CacheBytes = 16L << 20 });
        var text = tree.Text(image.ExplorerDirectory + "/findings.txt");
        var lines = text.Split('\n').Where(l => l.StartsWith("thread-start-unbacked | ", StringComparison.Ordinal)).ToList();

        var injected = image.ExplorerThreads.Single(t => t.Win32StartAddress is >= SyntheticWindowsRaw.PrivateStart and < SyntheticWindowsRaw.PrivateStart + 0x10000);
        Assert.That(lines, Has.Count.EqualTo(1), text);
        var fields = lines[0].Split(" | ");
        Assert.That(fields[1], Is.EqualTo($"{image.Explorer.Pid} explorer.exe"));
        Assert.That(fields[2], Is.EqualTo($"0x{injected.Win32StartAddress:X}-0x{injected.Win32StartAddress:X}"));
        Assert.That(fields[4], Does.StartWith($"thread {injected.Tid} starts at VAD 0x{SyntheticWindowsRaw.PrivateStart:X}-"));
        Assert.That(fields[5], Is.EqualTo(image.ExplorerDirectory.TrimStart('/') + "/threads.txt"));
        Assert.That(tree.Text("/findings.txt"), Does.Contain(lines[0]));
    }
}

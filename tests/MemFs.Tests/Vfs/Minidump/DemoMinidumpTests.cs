using MemFs.Vfs.Minidump;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Minidump;

/// <summary>minidump.dmp of the demo image's processes, read in-process and parsed back by the tests' own reader.</summary>
public class DemoMinidumpTests
{
    private const string Explorer = "/processes/4312-explorer.exe/minidump.dmp";

    [Test]
    public void EveryStreamOfExplorersDumpMatchesTheProcess()
    {
        using var tree = SessionTree.Demo();
        var dump = tree.Bytes(Explorer);
        var view = tree.View(4312);
        var reader = MinidumpChecks.AssertMatches(dump, view);
        var system = reader.ReadSystemInfo();
        Assert.That((system.Major, system.Build), Is.EqualTo((10u, 19041u)));
        var modules = reader.ReadModules();
        Assert.That(modules.Select(m => m.Name), Has.Some.EndsWith(@"\ntdll.dll"));
        Assert.That(modules, Has.All.Matches<MinidumpReader.Module>(m => m!.TimeDateStamp != 0 && m.Size != 0), "from the mapped headers");
        Assert.That(view.Coverage.HolePages, Is.GreaterThan(0), "the demo has holes, which the dump leaves out");
        Assert.That(reader.Flags, Is.EqualTo(0x802UL), "MiniDumpWithFullMemory | MiniDumpWithFullMemoryInfo");
    }

    [Test]
    public void SizeIsKnownWithoutRenderingAndEqualsTheBytesRead()
    {
        using var tree = SessionTree.Demo();
        var file = (VfsFile)tree.Node(Explorer);
        var before = WholeFile.Productions;
        var length = file.Length;
        Assert.That(WholeFile.Productions, Is.EqualTo(before));
        Assert.That(file.LengthKnown && !file.ProducedWhole);
        var bytes = new byte[length + 100];
        Assert.That(file.Read(0, bytes), Is.EqualTo(length));
        var pieces = new byte[length];
        for (var at = 0; at < length; at += 777) file.Read(at, pieces.AsSpan(at, (int)Math.Min(777, length - at)));
        Assert.That(pieces, Is.EqualTo(bytes[..(int)length]), "reads at any offset give the same bytes");
    }

    [Test]
    public void EveryDemoProcessHasADump()
    {
        using var tree = SessionTree.Demo();
        foreach (var process in tree.Session.RequireSystem().Processes)
            MinidumpChecks.AssertMatches(tree.Bytes(tree.ProcessDirectory(process.Pid) + "/" + MinidumpFile.FileName), tree.View(process.Pid));
    }
}

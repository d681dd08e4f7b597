using System.Diagnostics;
using System.Text;
using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Scale;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.ScaleImage;

/// <summary>
/// The scale builder's truth at the test's scale (<see cref="ScaleImageSpec.Small"/>: 30 processes of 200 VADs in a
/// 2 GiB sparse raw image), read back through the production session the way <c>memfs</c> opens it: what /processes
/// lists, the VADs of every vadmap.txt, and the EPROCESS scan, so the benchmarks' image cannot rot unnoticed.
/// </summary>
public class ScaleImageTests
{
    private ScaleWindowsImage _built = null!;
    private string _path = "";
    private TimeSpan _buildTime;
    private EvidenceSession _session = null!;

    [OneTimeSetUp]
    public void Build()
    {
        var clock = Stopwatch.StartNew();
        _built = ScaleWindowsImage.Build(ScaleImageSpec.Small);
        _path = _built.Cached();
        _buildTime = clock.Elapsed;
        _session = EvidenceSession.Open(new EvidenceOptions(_path));
    }

    [OneTimeTearDown]
    public void Close() => _session?.Dispose();

    [Test]
    public void TheImageIsSparseAndBuiltInSeconds()
    {
        var du = Shell.Run("du", "--block-size=1", _path);
        Assert.That(du.ExitCode, Is.Zero, du.Stderr);
        var allocated = long.Parse(du.Stdout.Split('\t')[0]);
        TestContext.Out.WriteLine($"{_path}: {new FileInfo(_path).Length >> 20} MiB, {allocated >> 20} MiB allocated; built (or found cached) in {_buildTime.TotalSeconds:F1} s");
        Assert.That(new FileInfo(_path).Length, Is.EqualTo(ScaleImageSpec.Small.PhysicalBytes));
        Assert.That(allocated, Is.LessThan(ScaleImageSpec.Small.PhysicalBytes / 16), "only the pages that exist are written");
        Assert.That(_buildTime, Is.LessThan(TimeSpan.FromSeconds(15)));
    }

    [Test]
    public void ProcessesListsTheBootProcessesAndEveryLinkedOne()
    {
        var listed = ((VfsDirectory)_session.Tree.Lookup("/processes")!).Children.Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.That(listed, Is.EqualTo(_built.ProcessDirectories.Order(StringComparer.Ordinal)));
        Assert.That(_built.Processes.Count(p => !p.Linked), Is.EqualTo(1), "app024.exe is unlinked");
    }

    [Test]
    public void VadmapTxtShowsEveryVadOfEveryLinkedProcess()
    {
        foreach (var process in _built.Processes.Where(p => p.Linked))
        {
            var text = Read($"/processes/{process.Directory}/vadmap.txt");
            var starts = text.Split('\n').Where(l => l.StartsWith("VAD 0x", StringComparison.Ordinal))
                .Select(l => Convert.ToUInt64(l[6..l.IndexOf(' ', 6)], 16)).ToList();
            Assert.That(starts, Has.Count.EqualTo(ScaleImageSpec.Small.VadsPerProcess), process.Directory);
            Assert.That(starts, Is.EqualTo(process.Vads.Select(v => v.Start).ToList()), process.Directory);
        }
    }

    [Test]
    public void PagesReadBackAsBuilt()
    {
        var process = _built.Processes[0];
        var text = Read($"/processes/{process.Directory}/vadmap.txt");
        Assert.That(text, Does.Contain(" image EXECUTE_WRITECOPY").And.Contain(@"\Windows\Globalization\data00.nls").And.Contain("Valid PhysAS @ 0x").And.Contain("Demand Zero"));
        var stamped = process.Vads.First(v => v.IsPrivate && v.Start >= 0x1000_0000);
        var region = (VfsFile)_session.Tree.Lookup($"/processes/{process.Directory}/regions/{RegionFile.NameOf(stamped)}")!;
        var page = new byte[4096];
        Assert.That(region.Read(0, page), Is.EqualTo(page.Length));
        Assert.That(Encoding.ASCII.GetString(page, 0, 64), Does.StartWith($"memfs scale image: {process.Name} private VAD 0 at 0x{stamped.Start:X}"));
    }

    [Test]
    public void TheEprocessScanFindsEveryProcessAndPsScanTheUnlinkedOne()
    {
        var system = _session.RequireSystem();
        var found = EprocessScanner.Scan(_session.Image.Memory, system.Layouts.Eprocess).Select(c => (c.Pid, c.Name)).ToHashSet();
        Assert.That(_built.Processes.Where(p => !found.Contains((p.Pid, p.Name))).Select(p => p.Directory), Is.Empty);
        var unlinked = _session.ScannedProcesses.Select(s => $"{s.Candidate.Pid}-{s.Candidate.Name}");
        Assert.That(unlinked, Is.EqualTo(_built.Processes.Where(p => !p.Linked).Select(p => p.Directory)));
    }

    private string Read(string path)
    {
        var file = (VfsFile)_session.Tree.Lookup(path)!;
        var bytes = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        for (long at = 0; (n = file.Read(at, buffer)) > 0; at += n) bytes.Write(buffer, 0, n);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}

using System.Text;
using MemFs.Tests.Demo;
using MemFs.Tests.Vfs;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>
/// /kernel through a real mount of the demo image: stat renders nothing and gives vmem its fixed 128 TiB, a read at a
/// driver's offset gives its header, lseek(SEEK_DATA/SEEK_HOLE) walks the mapped kernel pages, vadmap.txt names them.
/// </summary>
[NonParallelizable]
public class KernelVmemMountTests
{
    private const ulong Origin = 0xFFFF_8000_0000_0000;

    [Test]
    public void KernelVmemReadsSeeksAndMapsThroughTheMount()
    {
        FuseRequirement.Require();
        using var tree = SessionTree.Demo();
        using var mount = TestMount.Start(tree.Session.Tree);
        var kernel = mount["kernel"];
        var before = WholeFile.Productions;

        var sizes = Directory.EnumerateFiles(kernel).ToDictionary(f => Path.GetFileName(f), f => new FileInfo(f).Length);

        Assert.That(WholeFile.Productions - before, Is.Zero, "stat of /kernel produced nothing");
        Assert.That(sizes["vmem"], Is.EqualTo(1L << 47));
        Assert.That(sizes["vadmap.txt"], Is.Zero, "produced whole: 0 until read");

        var vmem = Path.Combine(kernel, "vmem");
        using var file = File.OpenHandle(vmem);
        var header = new byte[2];
        Assert.That(RandomAccess.Read(file, header, (long)(DemoLayout.DemoSysBase - Origin)), Is.EqualTo(2));
        Assert.That(Encoding.ASCII.GetString(header), Is.EqualTo("MZ"));

        var demoSys = (long)(DemoLayout.DemoSysBase - Origin);
        var start = SeekProbe.Seek(file, demoSys - (16 << 20), SeekProbe.SEEK_DATA);
        Assert.That(start, Is.EqualTo(demoSys), "nothing mapped in the 16 MiB before demo.sys");
        var end = SeekProbe.Seek(file, start, SeekProbe.SEEK_HOLE);
        Assert.That(end, Is.EqualTo(demoSys + 4 * 4096), "demo.sys's four pages");
        var segments = new List<(long, long)>();
        for (var at = 0L; SeekProbe.Seek(file, at, SeekProbe.SEEK_DATA) is var data and >= 0; at = segments[^1].Item2)
            segments.Add((data, SeekProbe.Seek(file, data, SeekProbe.SEEK_HOLE)));
        Assert.That(segments, Is.EqualTo(Segments((VfsFile)tree.Node("/kernel/vmem"))), "lseek through the mount says what the tree says");
        Assert.That(segments, Has.Count.GreaterThanOrEqualTo(5), "page tables, KUSER_SHARED_DATA, hal, ntoskrnl, demo.sys, pool");

        var map = File.ReadAllText(Path.Combine(kernel, "vadmap.txt"));
        Assert.That(map, Does.Contain("driver demo.sys").And.Contain("KUSER_SHARED_DATA").And.Contain("page tables (self-map, PML4 entry 0x1A3)"));
        Assert.That(File.ReadAllText(Path.Combine(kernel, "vtop", "0xFFFFF78000000000.txt")), Does.Contain("pte"));
    }

    private static List<(long, long)> Segments(VfsFile file)
    {
        var segments = new List<(long, long)>();
        for (var at = 0L; file.SeekData(at) is { } data; at = segments[^1].Item2) segments.Add((data, file.SeekHole(data)!.Value));
        return segments;
    }
}

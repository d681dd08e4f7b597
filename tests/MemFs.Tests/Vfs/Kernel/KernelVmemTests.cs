using System.Text;
using MemFs.Tests.Demo;
using MemFs.Vfs.Tree;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Kernel;

/// <summary>
/// /kernel/vmem, vadmap.txt and vtop/ of the demo image against its kernel page tables: bytes equal reads through the
/// translator with the kernel DTB at the drivers and KUSER_SHARED_DATA, holes where no PTE is present, SEEK_DATA and
/// SEEK_HOLE on the mapped pages, and the map's labels.
/// </summary>
[NonParallelizable]
public class KernelVmemTests
{
    private const ulong Origin = 0xFFFF_8000_0000_0000;
    private const ulong SharedUserData = 0xFFFF_F780_0000_0000;
    private SessionTree _tree = null!;
    private VfsFile _vmem = null!;

    [OneTimeSetUp]
    public void Open()
    {
        _tree = SessionTree.Demo();
        _vmem = (VfsFile)_tree.Node("/kernel/vmem");
    }

    [OneTimeTearDown]
    public void Close() => _tree.Dispose();

    private static long Offset(ulong va) => (long)(va - Origin);

    [TestCase(DemoLayout.HalBase, "MZ")]
    [TestCase(DemoLayout.DemoSysBase, "MZ")]
    [TestCase(SharedUserData, null)]
    [TestCase(SharedUserData + 0x260, null)]
    public void BytesAreTheTranslatorsReadsAtTheKernelAddress(ulong va, string? starts)
    {
        var translator = _tree.Session.RequireSystem().Translator;
        var expected = new byte[8192 - (int)(va & 0xFFF)];
        Assert.That(translator.TryRead(va, expected.AsSpan(0, 4096 - (int)(va & 0xFFF)), out var why), Is.True, why);
        var read = new byte[expected.Length];

        Assert.That(_vmem.Read(Offset(va), read), Is.EqualTo(read.Length));

        Assert.That(read.AsSpan(0, 4096 - (int)(va & 0xFFF)).ToArray(), Is.EqualTo(expected.AsSpan(0, 4096 - (int)(va & 0xFFF)).ToArray()));
        Assert.That(read.Any(b => b != 0), Is.True);
        if (starts is not null) Assert.That(Encoding.ASCII.GetString(read, 0, 2), Is.EqualTo(starts));
    }

    [Test]
    public void TheKernelBaseHoldsNtoskrnlsHeader()
    {
        var system = _tree.Session.RequireSystem();
        var kernelBase = system.KernelModules().Modules.Single(m => m.BaseName == "ntoskrnl.exe").Base;
        var read = new byte[2];
        _vmem.Read(Offset(kernelBase), read);
        Assert.That(Encoding.ASCII.GetString(read), Is.EqualTo("MZ"));
    }

    [Test]
    public void UnmappedKernelSpaceIsAHoleOfZeros()
    {
        Assert.That(_vmem.Length, Is.EqualTo(1L << 47));
        var read = new byte[8192];
        Array.Fill(read, (byte)0xCC);
        Assert.That(_vmem.Read(Offset(SharedUserData + 0x10000), read), Is.EqualTo(read.Length));
        Assert.That(read, Is.All.Zero);
        Assert.That(_vmem.SeekHole(Offset(SharedUserData)), Is.EqualTo(Offset(SharedUserData) + 4096), "the next page has no PTE");
        Assert.That(_vmem.SeekData(Offset(SharedUserData) + 4096), Is.GreaterThan(Offset(SharedUserData) + 4096));
        Assert.That(_vmem.SeekData(Offset(SharedUserData) - 0x1000_0000), Is.EqualTo(Offset(SharedUserData)), "nothing mapped in the 256 MiB below it");
    }

    [Test]
    public void SeekDataVisitsExactlyTheMappedPages()
    {
        var system = _tree.Session.RequireSystem();
        var translator = system.Translator;
        var data = new List<(long Start, long End)>();
        for (long at = 0; _vmem.SeekData(at) is { } start; at = data[^1].End)
            data.Add((start, _vmem.SeekHole(start)!.Value));

        Assert.That(data, Is.Not.Empty);
        Assert.That(data.Select(d => d.Start), Is.Ordered);
        foreach (var (start, end) in data)
        {
            Assert.That(end, Is.GreaterThan(start));
            var first = translator.Translate(translator.KernelDtb, Origin + (ulong)start, null, MemFs.Translate.Paging.NoTrace.Instance);
            Assert.That(first.Readable, Is.True, $"0x{Origin + (ulong)start:X}");
            var before = translator.Translate(translator.KernelDtb, Origin + (ulong)start - 4096, null, MemFs.Translate.Paging.NoTrace.Instance);
            Assert.That(before.Readable, Is.False, $"the page before 0x{Origin + (ulong)start:X} is a hole");
        }
        Assert.That(data, Has.Some.Matches<(long Start, long End)>(d => d.Start <= Offset(DemoLayout.DemoSysBase) && Offset(DemoLayout.DemoSysBase) < d.End));
        Assert.That(data, Has.Some.Matches<(long Start, long End)>(d => d.Start == Offset(SharedUserData)));
        Assert.That(_vmem.AllocatedBytes, Is.EqualTo(data.Sum(d => d.End - d.Start)), "with every page readable, the data is what the tables map");
    }

    [Test]
    public void TheMapLabelsDriversPageTablesSharedDataAndPool()
    {
        var text = Encoding.UTF8.GetString(_tree.Bytes("/kernel/vadmap.txt"));

        Assert.That(text, Does.Contain("self-map PML4 entry 0x1A3 (page tables at 0xFFFFD18000000000)"));
        Assert.That(text, Does.Contain("not split into paged, nonpaged or session pool"));
        Assert.That(Line(text, DemoLayout.DemoSysBase), Does.Contain("driver demo.sys").And.Contain("valid"));
        Assert.That(Line(text, DemoLayout.HalBase), Does.Contain("driver hal.dll"));
        Assert.That(Line(text, SharedUserData), Does.Contain("KUSER_SHARED_DATA").And.Contain($"0x{Offset(SharedUserData):X}"));
        Assert.That(text, Does.Match(@"\n0xFFFFD1[0-9A-F]{10} 0x[0-9A-F]{16} 0x[0-9A-F]+ +\d+  page tables \(self-map, PML4 entry 0x1A3\) +page tables the walk read"));
        Assert.That(text, Does.Contain("  pool / other kernel memory"));
        Assert.That(text, Does.Not.Contain("problem:"));
    }

    [Test]
    public void VtopResolvesKernelAddressesOnly()
    {
        var vtop = (VfsDirectory)_tree.Node("/kernel/vtop");
        Assert.That(vtop.Children.Select(c => c.Name), Is.EqualTo(new[] { "README.txt" }));
        var text = Encoding.UTF8.GetString(_tree.Bytes("/kernel/vtop/0xFFFFF78000000000.txt"));
        Assert.That(text, Does.StartWith($"# kernel, DTB 0x{_tree.Session.RequireSystem().Translator.KernelDtb:X}; /kernel/vmem offset 0x{Offset(SharedUserData):X}"));
        Assert.That(text, Does.Contain("pml4e").And.Contain("pte"));
        Assert.That(vtop.Child("fffff78000000000.txt"), Is.Not.Null);
        Assert.That(vtop.Child("0x7FF6A1230000.txt"), Is.Null, "a user address");
        Assert.That(vtop.Child("nothex.txt"), Is.Null);
    }

    private static string Line(string text, ulong va) =>
        text.Split('\n').Single(l => l.StartsWith("0x", StringComparison.Ordinal) && Contains(l, va));

    private static bool Contains(string line, ulong va)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = Convert.ToUInt64(parts[0], 16);
        var last = Convert.ToUInt64(parts[1], 16);
        return start <= va && va <= last;
    }
}

using System.Buffers.Binary;
using MemFs.Aff4.Codecs;
using MemFs.Tests.Aff4.Writers;
using MemFs.Tests.Translate.Paging;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// swapfile.sys as paging file 1 (where Windows 8+ pages modern apps' working sets out): a software PTE with
/// PageFileLow = 1 resolves from it through <c>memfs vtop</c> and <c>memfs vmem cat</c>, whether the file comes
/// with <c>--pagefile 1=FILE</c> or inside an AFF4 volume (by category and number, or by its name alone).
/// </summary>
public class SwapfileCommandTests
{
    private const ulong PagefileVa = 0x0000_0000_1000_0000;
    private const ulong SwapfileVa = PagefileVa + 0x1000;
    private const long SwapfilePageIndex = 2;
    private const string Volume = "aff4://5a9f0000-0000-4000-8000-000000000001";

    private string _directory = "";
    private TestWindowsImage _image = null!;
    private string _raw = "", _pagefile = "", _swapfile = "";
    private byte[] _swapBytes = [];

    [OneTimeSetUp]
    public void WriteImage()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-swapfile-").FullName;
        _image = new TestWindowsImage(windows10: true);
        _image.SetPte(PagefileVa, _image.Pagefile(0, _image.PagefilePage(TestWindowsImage.StampedPage(0xF11E)), 4));
        _image.SetPte(SwapfileVa, _image.Pagefile(1, SwapfilePageIndex, 4));
        _swapBytes = new byte[0x4000];
        TestWindowsImage.StampedPage(0x5A9F).CopyTo(_swapBytes.AsSpan((int)(SwapfilePageIndex * 4096)));
        _raw = Write("memory.raw", _image.Physical.ToRaw());
        _pagefile = Write("pagefile.sys", _image.PagefileBytes);
        _swapfile = Write("swapfile.sys", _swapBytes);
    }

    [OneTimeTearDown]
    public void Remove() => Directory.Delete(_directory, true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string[] Options => ["--dtb", $"0x{_image.Dtb:X}", "--build", "19041"];

    private static long Stamp(byte[] bytes, int at = 0) => BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));

    [Test]
    public void VtopTracesASwapfilePageToPagefileOne()
    {
        var without = MemFsProcess.Run(["vtop", _raw, .. Options, $"0x{SwapfileVa:X}"]);
        Assert.That(without.ExitCode, Is.EqualTo(1));
        Assert.That(without.Text, Does.Contain("pagefile 1 was not supplied"));

        var with = MemFsProcess.Run(["vtop", _raw, .. Options, "--pagefile", $"1={_swapfile}", $"0x{SwapfileVa + 0x18:X}"]);
        Assert.That(with.ExitCode, Is.Zero, with.Stderr);
        Assert.That(with.Text, Does.Contain("_MMPTE_SOFTWARE: PageFileLow(12-15)=1 PageFileHigh(32-63)=0x2 Protection(5-9)=4"));
        Assert.That(with.Text, Does.Contain($"pagefile 1 ({_swapfile}), 0x4000 bytes"));
        Assert.That(with.Text, Does.Match(@"Pagefile pagefile 1 @ 0x2018\s*$"));
    }

    [Test]
    public void VmemCatReadsPagefileAndSwapfilePagesSideBySide()
    {
        var result = MemFsProcess.Run(["vmem", "cat", _raw, .. Options, "--pagefile", _pagefile, "--pagefile", _swapfile,
            "--offset", $"0x{PagefileVa:X}", "--length", "8192", "--strict"]);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout, Has.Length.EqualTo(8192));
        Assert.That((Stamp(result.Stdout), Stamp(result.Stdout, 4096)), Is.EqualTo((0xF11EL, 0x5A9FL)), "numbered by position: pagefile.sys 0, swapfile.sys 1");
    }

    [TestCase(true, "aff4:category memory:pagefile")]
    [TestCase(false, "taken as pagefile 1 by its name")]
    public void AnAff4SwapfileIsPlacedAsPagefileOne(bool byCategory, string foundBy)
    {
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Volume + "/PhysicalMemory", _image.Physical.ToRaw(), 32768, 1024, CompressionMethod.Snappy);
        builder.AddTurtle($"<{Volume}/PhysicalMemory> aff4:category memory:physical .");
        var swapUrn = Volume + "/C:/swapfile.sys";
        builder.AddImageStream(swapUrn, _swapBytes, 32768, 1024, CompressionMethod.Deflate);
        builder.AddTurtle(byCategory
            ? $"<{swapUrn}> aff4:category memory:pagefile ; memory:pagefile_number 1 ; aff4:original_filename \"C:\\\\swapfile.sys\" ."
            : $"<{swapUrn}> aff4:original_filename \"C:\\\\swapfile.sys\" .");
        var aff4 = Write(byCategory ? "by-category.aff4" : "by-name.aff4", builder.Build());

        var vtop = MemFsProcess.Run(["vtop", aff4, .. Options, $"0x{SwapfileVa:X}"]);
        Assert.That(vtop.ExitCode, Is.Zero, vtop.Text);
        Assert.That(vtop.Text, Does.Match(@"Pagefile pagefile 1 @ 0x2000\s*$"));
        if (!byCategory) Assert.That(vtop.Text, Does.Contain(foundBy));

        var cat = MemFsProcess.Run(["vmem", "cat", aff4, .. Options, "--offset", $"0x{SwapfileVa:X}", "--length", "4096", "--strict"]);
        Assert.That(cat.ExitCode, Is.Zero, cat.Stderr);
        Assert.That(Stamp(cat.Stdout), Is.EqualTo(0x5A9FL));
    }
}

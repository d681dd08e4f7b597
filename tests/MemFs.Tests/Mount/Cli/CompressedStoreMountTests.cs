using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Translate.Windows.MemoryCompression;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.MemoryCompression.TestMemCompression;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// Compressed pages of a full synthetic image read through a real FUSE mount (the kernel's read path): vmem and the
/// region file byte for byte on the 19041 (XPRESS) and 26100 (LZ4) layouts, and SEEK_DATA/SEEK_HOLE treating every
/// compressed page, the zero record included, as data.
/// </summary>
[NonParallelizable]
[TestFixture(19041u)]
[TestFixture(26100u)]
public class CompressedStoreMountTests(uint build)
{
    private CompressedWindowsRaw _image = null!;
    private MountPoints? _mounts;
    private string _mount = "";

    [OneTimeSetUp]
    public void Mount()
    {
        FuseRequirement.Require();
        _image = new CompressedWindowsRaw(build);
        _mounts = new MountPoints(_image.Raw, _image.Directory);
        _mount = _mounts.Mount("mount", "--pagefile", _image.PagefileOption);
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        _mounts?.Dispose();
        _image?.Dispose();
    }

    private string Region => Path.Combine(_mount, _image.OwnerDirectory.TrimStart('/'), "regions", _image.RegionName);

    [Test]
    public void TheRegionFileReadsByteForByteThroughTheKernel()
    {
        Assert.That(File.ReadAllBytes(Region), Is.EqualTo(_image.Compression.AllContents));
    }

    [Test]
    public void VmemReadsEveryPageAtItsAddress()
    {
        using var vmem = File.OpenHandle(Path.Combine(_mount, _image.OwnerDirectory.TrimStart('/'), "vmem"));
        for (var page = _image.Compression.Contents.Length - 1; page >= 0; page--)
        {
            var bytes = new byte[4096];
            Assert.That(RandomAccess.Read(vmem, bytes, (long)PageVa(page)), Is.EqualTo(4096));
            Assert.That(bytes, Is.EqualTo(_image.Compression.Contents[page]), $"page {page}");
        }
    }

    [Test]
    public void SeekHoleFindsNoHoleAmongTheCompressedPages()
    {
        using var file = File.OpenHandle(Region);
        var length = _image.Compression.Contents.Length * 4096L;
        for (var page = 0; page < _image.Compression.Contents.Length; page++)
        {
            Assert.That(SeekProbe.Seek(file, page * 4096L, SeekProbe.SEEK_DATA), Is.EqualTo(page * 4096L), $"page {page}");
            Assert.That(SeekProbe.Seek(file, page * 4096L, SeekProbe.SEEK_HOLE), Is.EqualTo(length), $"page {page}");
        }
    }
}

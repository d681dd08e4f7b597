using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Translate.Windows.MemoryCompression;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.MemoryCompression.TestMemCompression;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// A hostile store in a full image, mounted for real: one page's PagesTree leaf pointer leads back to the root (a
/// cycle), another page's record names a region outside MemCompression. Those two pages are holes (EIO under
/// --strict); every other compressed page reads right.
/// </summary>
[NonParallelizable]
public class HostileStoreMountTests
{
    private const int Cyclic = 5;
    private const int Outside = 6;

    private CompressedWindowsRaw _image = null!;
    private MountPoints? _mounts;
    private string _holes = "", _strict = "";

    [OneTimeSetUp]
    public void Mount()
    {
        FuseRequirement.Require();
        _image = new CompressedWindowsRaw(19041, damage: compression =>
        {
            var store = compression.Store;
            compression.Image.WriteKernel64(store.PagesLeafPointer[store.StoreKey(FirstHigh + Cyclic)], store.PagesRoot);
            // A spare slot of the region pointer array names a user address no VAD of MemCompression covers.
            compression.Image.WriteKernel64(store.RegionPointers + 8 * 6, 0x0000_7FF0_0000_0000);
            compression.Image.WriteBytes(store.RecordAt[store.StoreKey(FirstHigh + Outside)], BitConverter.GetBytes(6u << TestCompressedStore.RegionShift));
        });
        _mounts = new MountPoints(_image.Raw, _image.Directory);
        _holes = _mounts.Mount("holes", "--pagefile", _image.PagefileOption);
        _strict = _mounts.Mount("strict", "--pagefile", _image.PagefileOption, "--strict");
    }

    [OneTimeTearDown]
    public void Unmount()
    {
        _mounts?.Dispose();
        _image?.Dispose();
    }

    private string Region(string mount) => Path.Combine(mount, _image.OwnerDirectory.TrimStart('/'), "regions", _image.RegionName);

    private static bool Damaged(int page) => page is Cyclic or Outside;

    [Test]
    public void TheDamagedPagesAreHolesTheOthersReadRight()
    {
        var bytes = File.ReadAllBytes(Region(_holes));
        var contents = _image.Compression.Contents;
        for (var page = 0; page < contents.Length; page++)
            Assert.That(bytes.AsSpan(page * 4096, 4096).ToArray(), Is.EqualTo(Damaged(page) ? new byte[4096] : contents[page]), $"page {page}");
        using var file = File.OpenHandle(Region(_holes));
        Assert.That(SeekProbe.Seek(file, 0, SeekProbe.SEEK_HOLE), Is.EqualTo(Cyclic * 4096L));
        Assert.That(SeekProbe.Seek(file, Cyclic * 4096L, SeekProbe.SEEK_DATA), Is.EqualTo((Outside + 1) * 4096L));
    }

    [Test]
    public void StrictFailsExactlyTheDamagedPages()
    {
        using var file = File.OpenHandle(Region(_strict));
        var buffer = new byte[4096];
        for (var page = 0; page < _image.Compression.Contents.Length; page++)
        {
            if (Damaged(page))
            {
                Assert.Throws<IOException>(() => RandomAccess.Read(file, buffer, page * 4096L), $"page {page}");
                continue;
            }
            Assert.That(RandomAccess.Read(file, buffer, page * 4096L), Is.EqualTo(4096), $"page {page}");
            Assert.That(buffer, Is.EqualTo(_image.Compression.Contents[page]), $"page {page}");
        }
    }

    [Test]
    public void VadmapNamesTheBrokenHopOfEachDamagedPage()
    {
        var vadmap = File.ReadAllText(Path.Combine(_holes, _image.OwnerDirectory.TrimStart('/'), "vadmap.txt"));
        Assert.That(vadmap, Does.Contain("is reached twice: the tree has a cycle — hole"), vadmap);
        Assert.That(vadmap, Does.Contain("is inside no VAD of MemCompression — hole"), vadmap);
    }
}

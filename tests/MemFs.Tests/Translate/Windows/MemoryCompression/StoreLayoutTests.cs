using MemFs.Translate.Windows.MemoryCompression;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>The per-build SMKM_STORE offsets of translation.md §2.8 (MemProcFS's values).</summary>
public class StoreLayoutTests
{
    [TestCase(14393u, 0x17A8, 0x1918, 0x420, null)]
    [TestCase(15063u, 0x1828, 0x1988, 0x420, null)]
    [TestCase(16299u, 0x1848, 0x19A8, 0x430, null)]
    [TestCase(18363u, 0x1848, 0x19A8, 0x430, null)]
    [TestCase(19041u, 0x1848, 0x19B8, 0x430, null)]
    [TestCase(22621u, 0x1848, 0x19B8, 0x430, 0x08)]
    [TestCase(26100u, 0x1B70, 0x1D08, null, 0x10)]
    public void OffsetsByBuild(uint build, int regionArray, int owner, int? algorithm, int? rebase)
    {
        var layout = StoreLayout.ForBuild(build, out var why)!;
        Assert.That(why, Is.Null);
        Assert.That((layout.CompressedRegionPtrArray, layout.OwnerProcess, layout.CompressionAlgorithm, layout.RebasePointer),
            Is.EqualTo((regionArray, owner, algorithm, rebase)));
        Assert.That(layout.Source, Does.Contain($"build {build}"));
        Assert.That(layout.KeyMask, Is.EqualTo(build >= 26100 ? 0x0FFF_FFFFu : 0xFFFF_FFFFu));
        Assert.That(layout.RebaseDelta, Is.EqualTo(build >= 26100 ? 0xC30UL : build >= 22621 ? 0x7A8UL : 0UL));
    }

    [Test]
    public void BeforeMemCompressionThereIsNoLayout()
    {
        Assert.That(StoreLayout.ForBuild(10586, out var why), Is.Null);
        Assert.That(why, Does.Contain("build 10586 has no MemCompression process"));
    }
}

using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Kernel;

public sealed class DtbLocatorTests
{
    [Test]
    public void LowStubGivesTheDtbAndTheKernelEntryHint()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var search = DtbLocator.Locate(image.Physical, ImageFacts.None);
        Assert.That(search.Chosen, Is.Not.Null);
        Assert.That(search.Chosen!.Dtb, Is.EqualTo(image.Dtb));
        Assert.That(search.Chosen.FoundBy, Does.StartWith("low stub (PROCESSOR_START_BLOCK at physical 0x13000"));
        Assert.That(search.KernelEntryHint, Is.EqualTo(TestKernelImage.Windows10Base + 0x1000));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void SelfReferenceScanFindsTheDtbWithoutALowStub(bool windows10)
    {
        var image = new TestKernelImage(windows10 ? TestEprocessLayout.Windows10 : TestEprocessLayout.Windows7, new TestKernelOptions { LowStub = false });
        var search = DtbLocator.Locate(image.Physical, ImageFacts.None);
        Assert.That(search.Chosen?.Dtb, Is.EqualTo(image.Dtb));
        Assert.That(search.Chosen!.FoundBy, Is.EqualTo($"self-referencing PML4 scan 0-16 MiB (entry 0x{image.SelfIndex:X})"));
        Assert.That(search.KernelEntryHint, Is.Null);
    }

    [Test]
    public void DummyPml4PagesBelowTheRealOneAreRejected()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10,
            new TestKernelOptions { LowStub = false, SparseDummyPml4 = true, InvalidDummyPml4 = true });
        var search = DtbLocator.Locate(image.Physical, ImageFacts.None);
        Assert.That(search.Candidates.Select(c => c.Dtb), Is.EqualTo(new[] { (ulong)TestKernelImage.SparseDummy, (ulong)TestKernelImage.InvalidDummy, image.Dtb }));
        Assert.That(search.Candidates[0].Validated, Is.False);
        Assert.That(search.Candidates[0].Why, Does.Contain("sparse dummy PML4"));
        Assert.That(search.Candidates[1].Validated, Is.False);
        Assert.That(search.Candidates[1].Why, Does.StartWith("KUSER_SHARED_DATA does not translate"));
        Assert.That(search.Chosen?.Dtb, Is.EqualTo(image.Dtb));
    }

    [Test]
    public void HeaderValueIsMaskedAndReportedWithItsFlags()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var search = DtbLocator.Locate(image.Physical, new ImageFacts { DirectoryTableBase = image.Dtb | 0x2 });
        Assert.That(search.Candidates, Has.Count.EqualTo(1));
        Assert.That(search.Chosen?.Dtb, Is.EqualTo(image.Dtb));
        Assert.That(search.Chosen!.FoundBy, Does.StartWith($"image header DirectoryTableBase 0x{image.Dtb | 0x2:X}").And.EndWith("low bits 0x2 masked"));
    }

    [Test]
    public void WrongHeaderValueIsRejectedAndTheLowStubTakesOver()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows7);
        var search = DtbLocator.Locate(image.Physical, new ImageFacts { DirectoryTableBase = (ulong)TestKernelImage.LowStubPage });
        Assert.That(search.Candidates[0].Validated, Is.False);
        Assert.That(search.Candidates[0].Why, Does.Contain("KUSER_SHARED_DATA"));
        Assert.That(search.Chosen?.FoundBy, Does.StartWith("low stub"));
        Assert.That(search.Chosen!.Dtb, Is.EqualTo(image.Dtb));
    }

    [Test]
    public void NothingFoundInAnImageWithoutPageTables()
    {
        var search = DtbLocator.Locate(new ZeroedMemory(), ImageFacts.None);
        Assert.That(search.Chosen, Is.Null);
        Assert.That(search.Candidates, Is.Empty);
    }

    private sealed class ZeroedMemory : IPhysicalMemory
    {
        public string Format => "empty";
        public IReadOnlyList<PhysicalRun> Runs => [new PhysicalRun(0, 32L << 20)];

        public void Read(long address, Span<byte> destination) => destination.Clear();
    }
}

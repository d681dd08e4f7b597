using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Kernel;

public sealed class KernelLocatorTests
{
    [Test]
    public void HeaderKernBaseIsValidatedFirst()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var search = KernelLocator.Locate(image.Translator(), image.Physical, image.Dtb, new ImageFacts { KernelBase = image.KernelBase }, null);
        Assert.That(search.Chosen?.Base, Is.EqualTo(image.KernelBase));
        Assert.That(search.Chosen!.FoundBy, Is.EqualTo("image header KernBase"));
    }

    [Test]
    public void ScanBackFromAHeaderPointer()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var hint = image.KernelBase + TestPeImage.PsLoadedModuleList;
        var search = KernelLocator.Locate(image.Translator(), image.Physical, image.Dtb, new ImageFacts { PsLoadedModuleList = hint }, null);
        Assert.That(search.Chosen?.Base, Is.EqualTo(image.KernelBase));
        Assert.That(search.Chosen!.FoundBy, Is.EqualTo($"scan back from header PsLoadedModuleList 0x{hint:X}"));
    }

    [Test]
    public void ScanBackFromTheLowStubEntry()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows7, new TestKernelOptions { KernelInLargePage = true });
        var stub = DtbLocator.Locate(image.Physical, ImageFacts.None);
        var search = KernelLocator.Locate(image.Translator(), image.Physical, image.Dtb, ImageFacts.None, stub.KernelEntryHint);
        Assert.That(search.Chosen?.Base, Is.EqualTo(TestKernelImage.Windows7Base));
        Assert.That(search.Chosen!.FoundBy, Does.StartWith("scan back from low stub LmTarget"));
    }

    [Test]
    public void KernelSpaceScanAtA2MiBBoundary()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var search = KernelLocator.Locate(image.Translator(), image.Physical, image.Dtb, ImageFacts.None, null);
        Assert.That(search.Chosen?.Base, Is.EqualTo(TestKernelImage.Windows10Base));
        Assert.That(search.Chosen!.FoundBy, Is.EqualTo("kernel-space scan"));
    }

    [Test]
    public void KernelSpaceScanInsideALargePage()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows7, new TestKernelOptions { KernelInLargePage = true });
        var search = KernelLocator.Locate(image.Translator(), image.Physical, image.Dtb, ImageFacts.None, null);
        Assert.That(search.Chosen?.Base, Is.EqualTo(TestKernelImage.Windows7Base));
        Assert.That(search.Chosen!.FoundBy, Is.EqualTo("kernel-space scan"));
    }

    [Test]
    public void ImagesThatAreNotTheKernelAreRejectedWithTheReason()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var driver = 0xFFFFF804_80000000UL;
        for (var page = driver; page < driver + TestPeImage.SizeOfImage; page += 4096) image.Image.SetPte(page, MemFs.Tests.Translate.Paging.TestWindowsImage.Valid(image.Image.AllocateFrame()));
        image.Write(driver, TestPeImage.Build(pdbName: "amdppm.pdb"));
        var search = KernelLocator.Locate(image.Translator(), image.Physical, image.Dtb, new ImageFacts { KernelBase = driver }, null);
        Assert.That(search.Candidates[0].Validated, Is.False);
        Assert.That(search.Candidates[0].Why, Is.EqualTo("PDB amdppm.pdb is not a kernel PDB"));
        Assert.That(search.Chosen?.Base, Is.EqualTo(image.KernelBase));
    }

    [TestCase("POOLCODE", (ushort)0x14C, "machine 0x14C is not x64")]
    [TestCase("PAGE", (ushort)0x8664, null)]
    [TestCase("PAGEDATA", (ushort)0x8664, "no POOLCODE or PAGE section")]
    public void KernelChecks(string section, ushort machine, string? problem)
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        image.Write(image.KernelBase, TestPeImage.Build(poolSection: section, machine: machine));
        var pe = PeImageView.TryOpen(image.Translator(), image.KernelBase, out _)!;
        Assert.That(KernelLocator.KernelProblem(pe), Is.EqualTo(problem));
    }
}

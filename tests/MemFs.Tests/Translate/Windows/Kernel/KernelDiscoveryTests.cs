using MemFs.Translate.Windows.Layouts;
using MemFs.Tests.Support;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Symbols;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Kernel;

public sealed class KernelDiscoveryTests
{
    [Test]
    public void SyntheticImageEndToEnd()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10, new TestKernelOptions { LowStub = false });
        using var space = image.Space();
        var result = KernelDiscovery.Discover(image.Open(), space, null);
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(result.Dtb, Is.EqualTo(image.Dtb));
        Assert.That(result.DtbSource, Does.StartWith("self-referencing PML4 scan"));
        Assert.That(result.KernelSearch!.Chosen!.FoundBy, Is.EqualTo("kernel-space scan"));
        Assert.That(result.Identity!.Base, Is.EqualTo(image.KernelBase));
        Assert.That(result.Identity.PdbId, Is.EqualTo(TestPeImage.PdbId));
        Assert.That(result.Settings!.Build, Is.EqualTo(19041u));
        Assert.That(result.Settings.InvalidPteMask, Is.EqualTo(0x0000_2000_0000_0000UL));
        Assert.That(result.Translator!.TryRead(image.SystemProcess + 0x5a8, new byte[6], out _), Is.True);
    }

    [Test]
    public void InvalidPteMaskHookReadsMiStateThroughTheProfile()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        image.Write64(image.KernelBase + 0x6000 + 0x1C0 + 0x8, 0x0000_0800_0000_0000);
        using var space = image.Space();
        var result = KernelDiscovery.Discover(image.Open(), space, null);
        var profile = new KernelProfile(TestPeImage.PdbId, 19041);
        profile.SetRva("MiState", 0x6000, "test");
        profile.SetOffset("_MI_SYSTEM_INFORMATION.Hardware", 0x1C0, "test");
        profile.SetOffset("_MI_HARDWARE_STATE.InvalidPteMask", 0x8, "test");
        var settings = result.SettingsWithInvalidPteMask(InvalidPteMaskLayout.From(profile), profile.Describe());
        Assert.That(settings!.InvalidPteMask, Is.EqualTo(0x0000_0800_0000_0000UL));
        Assert.That(result.CreateTranslator(settings, null).Settings.InvalidPteMask, Is.EqualTo(0x0000_0800_0000_0000UL));
    }

    [Test]
    public void TriageDumpFallsBackToItsHeaderFacts()
    {
        using var dump = PhysicalImageOpener.Open(SharedData.Require("crashdump/triage_x64.dmp"));
        using var space = new ExtendedPhysicalSpace(dump.Memory, new Dictionary<int, MemFs.Translate.Physical.Sources.IByteSource>(), NoMappedFiles.Instance);
        var result = KernelDiscovery.Discover(dump, space, null);
        Assert.That(result.Dtb, Is.EqualTo(0x1AD000UL));
        Assert.That(result.DtbSearch.Chosen, Is.Null);
        Assert.That(result.Identity!.Base, Is.EqualTo(0xFFFFF8047BA00000UL));
        Assert.That(result.Identity.BaseSource, Is.EqualTo("image header KernBase"));
        Assert.That(result.Identity.ImageRead, Is.False);
        Assert.That(result.Identity.CodeView, Is.Null);
        Assert.That(result.Identity.SizeOfImage, Is.EqualTo(0x1046000u));
        Assert.That(result.Identity.TimeDateStamp, Is.EqualTo(0x0D8333E6u));
        Assert.That(result.Identity.ImageFactsSource, Is.EqualTo("the image's module list"));
        Assert.That(result.Identity.Build, Is.EqualTo(19041u));
        Assert.That(result.Identity.BuildSource, Is.EqualTo("image header"));
        Assert.That(result.Warnings, Has.Some.StartsWith("no DTB could be validated"));
        Assert.That(result.Warnings, Has.Some.StartsWith("the kernel image at 0xFFFFF8047BA00000 cannot be read"));
    }
}

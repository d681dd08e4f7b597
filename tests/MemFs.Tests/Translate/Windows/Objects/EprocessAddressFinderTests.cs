using MemFs.Tests.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols.Pack;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>An EPROCESS found physically gets its kernel address back from a self-pointing list entry, checked against the page tables.</summary>
public class EprocessAddressFinderTests
{
    [Test]
    public void AnUnlinkedProcessIsPlacedByItsSelfPointingLinks()
    {
        var (objects, hidden, physical) = Build();
        var translator = objects.Image.Translator();

        Assert.That(EprocessAddressFinder.Find(objects.Image.Physical, translator, physical), Is.EqualTo(hidden.Eprocess));
    }

    [Test]
    public void WithoutASelfPointerOrWithAForgedOneTheAddressStaysUnknown()
    {
        var (objects, hidden, physical) = Build();
        var links = hidden.Eprocess + (ulong)objects.Profile.Require("_EPROCESS.ActiveProcessLinks");
        // A self-pointer naming an address that maps elsewhere must not be believed.
        objects.Image.WriteKernel64(links, links + 0x1000);
        objects.Image.WriteKernel64(links + 8, links + 0x1000);
        Assert.That(EprocessAddressFinder.Find(objects.Image.Physical, objects.Image.Translator(), physical), Is.Null);
        objects.Image.WriteKernel64(links, 0);
        objects.Image.WriteKernel64(links + 8, 0);
        Assert.That(EprocessAddressFinder.Find(objects.Image.Physical, objects.Image.Translator(), physical), Is.Null);
    }

    private static (TestWindowsSystem Objects, TestWindowsSystem.BuiltProcess Hidden, long Physical) Build()
    {
        var kernel = new TestKernelImage(TestEprocessLayout.Windows10);
        var profile = KernelPack.Embedded.TryGetFamily(19041, out _)!;
        var objects = new TestWindowsSystem(profile, kernel.Image, kernel.KernelBase + TestPeImage.PsActiveProcessHead, kernel.KernelBase + TestPeImage.PsLoadedModuleList);
        var hidden = objects.AddProcess(0x2A0C, 4, "hidden.exe", new DateTime(2021, 2, 21, 1, 6, 0, DateTimeKind.Utc), linked: false);
        var physical = objects.Image.Translator().Translate(objects.Image.Dtb, hidden.Eprocess, null, MemFs.Translate.Paging.NoTrace.Instance).Location!.Value.Offset;
        return (objects, hidden, physical);
    }
}

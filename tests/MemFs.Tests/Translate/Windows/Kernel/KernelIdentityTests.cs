using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Kernel;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Kernel;

public sealed class KernelIdentityTests
{
    [Test]
    public void Windows10IdentityWithBuildFromSharedData()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows10);
        var warnings = new List<string>();
        var identity = KernelIdentity.Read(image.Translator(), image.KernelBase, "test", ImageFacts.None, null, warnings);
        Assert.That(warnings, Is.Empty);
        Assert.That(identity.ImageRead, Is.True);
        Assert.That(identity.PdbId, Is.EqualTo(TestPeImage.PdbId));
        Assert.That(identity.CodeView!.PdbName, Is.EqualTo("ntkrnlmp.pdb"));
        Assert.That(identity.TimeDateStamp, Is.EqualTo(TestPeImage.TimeDateStamp));
        Assert.That(identity.SizeOfImage, Is.EqualTo(TestPeImage.SizeOfImage));
        Assert.That(identity.Build, Is.EqualTo(19041u));
        Assert.That(identity.BuildSource, Is.EqualTo("KUSER_SHARED_DATA.NtBuildNumber 0xF0004A61"));
        Assert.That(identity.SharedData!.FreeBuild, Is.True);
        Assert.That(identity.SharedData.SystemTime, Is.EqualTo(TestKernelImage.BootTime.AddHours(2)));
        Assert.That(identity.ExportRvas, Is.EquivalentTo(new Dictionary<string, ulong>
        {
            ["PsLoadedModuleList"] = TestPeImage.PsLoadedModuleList,
            ["PsInitialSystemProcess"] = TestPeImage.PsInitialSystemProcess,
            ["NtBuildNumber"] = TestPeImage.NtBuildNumber,
        }));
        var profile = identity.ToProfile();
        Assert.That(profile.PdbId, Is.EqualTo(TestPeImage.PdbId));
        Assert.That(profile.Rvas["PsInitialSystemProcess"], Is.EqualTo((0x4000UL, KernelIdentity.ExportSource)));
    }

    [Test]
    public void Windows7BuildComesFromTheNtBuildNumberExport()
    {
        var image = new TestKernelImage(TestEprocessLayout.Windows7, new TestKernelOptions { KernelInLargePage = true });
        var identity = KernelIdentity.Read(image.Translator(), image.KernelBase, "test", new ImageFacts { BuildNumber = 9999 }, null, []);
        Assert.That(identity.SharedData!.NtMajorVersion, Is.EqualTo(6));
        Assert.That(identity.SharedData.Build, Is.Null);
        Assert.That(identity.Build, Is.EqualTo(7601u));
        Assert.That(identity.BuildSource, Is.EqualTo("NtBuildNumber export 0xF0001DB1"));
    }
}

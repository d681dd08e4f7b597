using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pack;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>The embedded offsets pack: exact kernels by PDB id, and build families by NtBuildNumber.</summary>
public class KernelPackTests
{
    private static KernelPack Pack => KernelPack.Embedded;

    [Test]
    public void SizeAndContents()
    {
        var bytes = KernelPack.ReadEmbeddedBytes();
        TestContext.Out.WriteLine($"embedded pack: {bytes.Length:N0} bytes gzip'd, {DeterministicGzip.Decompress(bytes).Length:N0} bytes of JSON");
        Assert.That(bytes, Has.Length.LessThan(64 * 1024));
        Assert.That(Pack.Kernels, Has.Count.EqualTo(213));
        Assert.That(Pack.Families.Keys, Is.EquivalentTo(new uint[] { 7601, 9600, 14393, 17763, 18362, 19041, 20348, 22000 }));
        Assert.That(Pack.Attribution, Does.Contain("JPCERT").And.Contain("BSD-3-Clause"));
        Assert.That(Pack.License, Does.Contain("Copyright 2023 JPCERT Coordination Center").And.Contain("THIS SOFTWARE IS PROVIDED"));
    }

    [Test]
    public void ExactKernelOfTheTriageDump()
    {
        var profile = Pack.TryGetExact("5278AFF86C341677D7D7835C85B7B8441")!;
        Assert.That(profile, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That((profile.PdbId, profile.Version, profile.Build), Is.EqualTo(("5278AFF86C341677D7D7835C85B7B8441", "10.0.19041.804", (uint?)19041)));
            Assert.That(profile.Rva("PsLoadedModuleList"), Is.EqualTo(0xc2a390));
            Assert.That(profile.Rva("PsActiveProcessHead"), Is.EqualTo(0xc1e200));
            Assert.That(profile.Rva("KdDebuggerDataBlock"), Is.EqualTo(0xc00b20));
            Assert.That(profile.Rva("MmPfnDatabase"), Is.EqualTo(0xcfc500));
            Assert.That(profile.Rva("PsInitialSystemProcess"), Is.EqualTo(0xcfc420));
            Assert.That(profile.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x440));
            Assert.That(profile.Size("_EPROCESS"), Is.EqualTo(2624));
            Assert.That(profile.Bit("_MMVAD_FLAGS.PrivateMemory"), Is.EqualTo(new BitField(20, 1)));
            Assert.That(profile.Offsets["_EPROCESS.UniqueProcessId"].Source, Is.EqualTo("embedded pack (exact GUID)"));
            Assert.That(profile.Rvas["PsActiveProcessHead"].Source, Is.EqualTo("embedded pack (exact GUID)"));
        });
        Assert.That(Pack.Kernels["5278AFF86C341677D7D7835C85B7B8441"].Os, Is.EqualTo("Win10"));
    }

    [Test]
    public void ExactLookupIgnoresCaseAndMissesUnknownIds()
    {
        Assert.That(Pack.TryGetExact("5278aff86c341677d7d7835c85b7b8441")?.Version, Is.EqualTo("10.0.19041.804"));
        Assert.That(Pack.TryGetExact("5278AFF86C341677D7D7835C85B7B8442"), Is.Null);
    }

    [Test]
    public void ReadmeCorrectionsAndDoubleLabels()
    {
        Assert.That(Pack.Kernels["616A94E33A4827B451B0E19C14C037921"], Has.Property("Version").EqualTo("10.0.18362.535").And.Property("Build").EqualTo(18362u));
        Assert.That(Pack.Kernels["B3E18239FF83427FBBCA75184BDE83881"].Os, Is.EqualTo("Win8.1 / windows-2012"));
        Assert.That(Pack.Kernels["339E74133576439CBCDF7E0229DA37731"].Version, Is.EqualTo("6.1.7601.24540"));
    }

    [TestCase(19045u)]
    [TestCase(19042u)]
    [TestCase(0xF0004A65u)]
    public void EnablementPackageUsesItsBaseFamily(uint ntBuildNumber)
    {
        var profile = Pack.TryGetFamily(ntBuildNumber, out var note)!;
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(note, Does.Contain("family 19041").And.Not.Contain("WARNING"));
        Assert.That(Pack.FindFamily(ntBuildNumber), Has.Property("Family").EqualTo(19041u).And.Property("NeedsVerification").False);
        Assert.That(profile.Build, Is.EqualTo(BuildFamilies.BuildOf(ntBuildNumber)));
        Assert.That(profile.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x440));
        Assert.That(profile.Offset("_EPROCESS.VadRoot"), Is.EqualTo(0x7d8));
        Assert.That(profile.Size("_EPROCESS"), Is.EqualTo(0xa40));
        Assert.That(profile.Bit("_MMVAD_FLAGS.PrivateMemory"), Is.EqualTo(new BitField(20, 1)));
        Assert.That(profile.Rvas, Is.Empty);
        Assert.That(profile.Offsets["_EPROCESS.UniqueProcessId"].Source, Is.EqualTo("embedded pack (family 19041)"));
    }

    [TestCase(22631u, 22000u)]
    [TestCase(22621u, 22000u)]
    [TestCase(26100u, 22000u)]
    [TestCase(26200u, 22000u)]
    [TestCase(17134u, 14393u)]
    public void UnknownBuildTakesTheNearestLowerFamilyWithAWarning(uint ntBuildNumber, uint family)
    {
        var profile = Pack.TryGetFamily(ntBuildNumber, out var note)!;
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(note, Does.StartWith("WARNING").And.Contain($"nearest lower family {family}").And.Contain("verify"));
        Assert.That(Pack.FindFamily(ntBuildNumber), Has.Property("Family").EqualTo(family).And.Property("NeedsVerification").True);
        Assert.That(profile.Offsets["_EPROCESS.UniqueProcessId"].Source,
            Is.EqualTo($"embedded pack (nearest lower family {family} for build {ntBuildNumber}, unverified)"));
    }

    [Test]
    public void Windows11FallbackHasTheWindows11Layout()
    {
        var profile = Pack.TryGetFamily(22631, out _)!;
        Assert.That(profile.Bit("_MMVAD_FLAGS.PrivateMemory"), Is.EqualTo(new BitField(21, 1)));
        Assert.That(profile.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x440));
    }

    [TestCase(7600u)]
    [TestCase(9200u)]
    [TestCase(2600u)]
    public void NoFamilyBelowTheFirstOfAWindowsGeneration(uint ntBuildNumber)
    {
        Assert.That(Pack.TryGetFamily(ntBuildNumber, out var note), Is.Null);
        Assert.That(note, Does.StartWith("no embedded offsets family"));
    }

    [Test]
    public void Windows7FamilyHasTheWindows7Values()
    {
        var profile = Pack.TryGetFamily(7601, out var note)!;
        Assert.That(note, Does.StartWith("build 7601: family 7601"));
        Assert.Multiple(() =>
        {
            Assert.That(profile.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x180));
            Assert.That(profile.Offset("_EPROCESS.ActiveProcessLinks"), Is.EqualTo(0x188));
            Assert.That(profile.Offset("_EPROCESS.ImageFileName"), Is.EqualTo(0x2e0));
            Assert.That(profile.Offset("_EPROCESS.VadRoot"), Is.EqualTo(0x448));
            Assert.That(profile.Offset("_MMVAD_SHORT.u"), Is.EqualTo(0x28));
            Assert.That(profile.Offset("_MMVAD_SHORT.LeftChild"), Is.EqualTo(0x8));
            Assert.That(profile.Bit("_MMVAD_FLAGS.VadType"), Is.EqualTo(new BitField(52, 3)));
            Assert.That(profile.Bit("_MMVAD_FLAGS.Protection"), Is.EqualTo(new BitField(56, 5)));
            Assert.That(profile.Bit("_MMVAD_FLAGS.PrivateMemory"), Is.EqualTo(new BitField(63, 1)));
            Assert.That(profile.Size("_EPROCESS"), Is.EqualTo(0x4f8));
        });
    }

    [Test]
    public void FieldsThatDifferWithinABuildAreLeftOutOfItsFamily()
    {
        var family = Pack.Families[9600];
        Assert.That(family.DerivedFrom, Has.Count.EqualTo(32));
        Assert.That(family.Verified);
        Assert.That(family.Layout.Sizes.ContainsKey("_EPROCESS"), Is.False);
        Assert.That(family.Omitted["sizes._EPROCESS"], Is.EqualTo("differs within the build: 0x700 in 14, 0x708 in 18"));
        Assert.That(family.Layout.Rvas, Is.Empty);
        Assert.That(Pack.TryGetFamily(9600, out _)!.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(0x2e0));
    }
}

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

    [TestCase(17134u, 14393u)]
    [TestCase(18900u, 18362u)]
    public void UnknownBuildTakesTheNearestLowerFamilyWithAWarning(uint ntBuildNumber, uint family)
    {
        var profile = Pack.TryGetFamily(ntBuildNumber, out var note)!;
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(note, Does.StartWith("WARNING").And.Contain($"nearest lower family {family}").And.Contain("verify"));
        Assert.That(Pack.FindFamily(ntBuildNumber), Has.Property("Family").EqualTo(family).And.Property("NeedsVerification").True);
        Assert.That(profile.Offsets["_EPROCESS.UniqueProcessId"].Source,
            Is.EqualTo($"embedded pack (nearest lower family {family} for build {ntBuildNumber}, unverified)"));
    }

    [TestCase(22621u, 22621u, 0x440, "Win11_2209_22H2")]
    [TestCase(22631u, 22621u, 0x440, "Win11_2209_22H2")]
    [TestCase(26100u, 26100u, 0x1D0, "Win11_2409_24H2")]
    [TestCase(26200u, 26100u, 0x1D0, "Win11_2409_24H2")]
    public void Windows11BuildsUseTheirPublicHeaderFamilyWithoutAWarning(uint ntBuildNumber, uint family, int pid, string release)
    {
        var profile = Pack.TryGetFamily(ntBuildNumber, out var note)!;
        Assert.That(profile, Is.Not.Null, note);
        Assert.That(note, Does.Contain($"family {family}").And.Contain("public headers").And.Not.Contain("WARNING"));
        Assert.That(Pack.FindFamily(ntBuildNumber), Has.Property("Family").EqualTo(family).And.Property("NeedsVerification").False);
        Assert.That(profile.Offset("_EPROCESS.UniqueProcessId"), Is.EqualTo(pid));
        Assert.That(profile.Offsets["_EPROCESS.UniqueProcessId"].Source,
            Is.EqualTo($"public headers ntdiff/headers {release} @{PublicHeaderFamilies.All[family].Commit[..8]}, not from a PDB (family {family})"));
        Assert.That(profile.Offsets["_LDR_DATA_TABLE_ENTRY.DllBase"].Source, Does.Contain("not read from this release's headers"));
        Assert.That(profile.Rvas, Is.Empty);
    }

    [Test]
    public void ABuildBetweenTheHeaderFamiliesTakesTheLowerOneWithAWarning()
    {
        var profile = Pack.TryGetFamily(25000, out var note)!;
        Assert.That(note, Does.StartWith("WARNING").And.Contain("nearest lower family 22621"));
        Assert.That(profile.Offsets["_EPROCESS.VadRoot"].Source, Does.Contain("nearest lower family 22621 for build 25000, unverified").And.Contain("not from a PDB"));
    }

    /// <summary>The embedded 22000 family against the real 22000 ISF in the shared data: every field MemFs reads agrees.</summary>
    [Test]
    public void The22000FamilyAgreesWithThe22000IsfOnEveryFieldMemFsReads()
    {
        var isf = MemFs.Tests.Translate.Windows.Objects.KernelProfiles.Isf("0CE4A95C0CD782A7596B034D8648E585-1");
        var family = Pack.TryGetFamily(22000, out _)!;
        Assert.That(family.Offsets.Keys, Is.EquivalentTo(isf.Offsets.Keys), "the same offsets are known");
        Assert.That(family.Bits.Keys, Is.EquivalentTo(isf.Bits.Keys));
        Assert.That(family.Sizes.Keys, Is.EquivalentTo(isf.Sizes.Keys));
        foreach (var name in isf.Offsets.Keys) Assert.That(family.Offset(name), Is.EqualTo(isf.Offset(name)), name);
        foreach (var name in isf.Bits.Keys) Assert.That(family.Bit(name), Is.EqualTo(isf.Bit(name)), name);
        foreach (var name in isf.Sizes.Keys) Assert.That(family.Size(name), Is.EqualTo(isf.Size(name)), name);
    }

    [Test]
    public void The24H2FamilyHasTheVadCommitChargeChange()
    {
        var profile = Pack.TryGetFamily(26100, out _)!;
        Assert.That(profile.Offset("_MMVAD_SHORT.u1"), Is.Null, "24H2 has a plain CommitCharge u32 where u1 was");
        Assert.That(profile.Bit("_MMVAD_FLAGS1.MemCommit"), Is.Null);
        Assert.That(profile.Bit("_MM_PRIVATE_VAD_FLAGS.MemCommit"), Is.EqualTo(new BitField(25, 1)));
        Assert.That(profile.Size("_EPROCESS"), Is.EqualTo(0x840));
        Assert.That(profile.Offset("_KPROCESS.UserDirectoryTableBase"), Is.EqualTo(0x158));
        Assert.That(profile.Offset("_MI_SYSTEM_INFORMATION.Hardware"), Is.EqualTo(0x1080));
    }

    /// <summary>
    /// The fields carried into the header families as "the same in every embedded family" must really be the same in the
    /// 22000 family (the JPCERT ISFs), and the 22H2 values read from its headers that 22000 shares must agree with it.
    /// </summary>
    [Test]
    public void HeaderFamiliesAgreeWithThe22000FamilyWhereTheyClaimTo()
    {
        var windows11 = Pack.TryGetFamily(22000, out _)!;
        foreach (var headers in PublicHeaderFamilies.All.Values)
        {
            var profile = headers.ToProfile(headers.Build, "test");
            foreach (var name in headers.Carried.Keys.Where(profile.Offsets.ContainsKey))
                Assert.That(profile.Offset(name), Is.EqualTo(windows11.Offset(name)), $"{headers.Build} {name}");
            foreach (var name in headers.Carried.Keys.Where(profile.Bits.ContainsKey))
                Assert.That(profile.Bit(name), Is.EqualTo(windows11.Bit(name)), $"{headers.Build} {name}");
            foreach (var name in headers.Carried.Keys.Where(profile.Sizes.ContainsKey))
                Assert.That(profile.Size(name), Is.EqualTo(windows11.Size(name)), $"{headers.Build} {name}");
            Assert.That(headers.Carried.Keys.All(n => profile.Offsets.ContainsKey(n) || profile.Bits.ContainsKey(n) || profile.Sizes.ContainsKey(n)),
                $"every carried name of {headers.Build} is in its layout");
        }
        var differing = PublicHeaderFamilies.Windows11_22H2.Layout.Offsets.Where(p => windows11.Offset(p.Key) != p.Value).Select(p => p.Key);
        Assert.That(differing, Is.EquivalentTo(new[] { "_MI_SYSTEM_INFORMATION.Hardware" }), "22H2 moved only MiState.Hardware among the fields MemFs reads");
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

using MemFs.Tests.Translate.Windows.Objects;
using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Symbols;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Layouts;

/// <summary>
/// Layouts resolved from the real JPCERT ISFs give the offsets the data README and jpcert_ntkrnlmp_layouts.csv
/// document (7601.24540, 19041.3324, 22000.2538); missing fields are all named at once.
/// </summary>
public class KernelLayoutsTests
{
    private const string Win7 = "339E74133576439CBCDF7E0229DA3773-1";
    private const string Win10 = "06564D3477822C7D97F04852CBD5AFD6-1";
    private const string Win11 = "0CE4A95C0CD782A7596B034D8648E585-1";

    // Columns of jpcert_ntkrnlmp_layouts.csv: UniqueProcessId, ActiveProcessLinks, CreateTime, InheritedFromUniqueProcessId,
    // SectionBaseAddress, Peb, ImageFileName, UserDirectoryTableBase, Wow64Process/WoW64Process.
    [TestCase(Win7, 0x180, 0x188, 0x168, 0x290, 0x270, 0x338, 0x2e0, 0x110, 0x320)]
    [TestCase(Win10, 0x440, 0x448, 0x468, 0x540, 0x520, 0x550, 0x5a8, 0x388, 0x580)]
    [TestCase(Win11, 0x440, 0x448, 0x468, 0x540, 0x520, 0x550, 0x5a8, 0x388, 0x580)]
    public void EprocessLayoutFromIsfHasTheDocumentedOffsets(string isf, int pid, int links, int create, int ppid, int sectionBase, int peb, int name, int userDtb, int wow64)
    {
        var layout = EprocessLayout.From(KernelProfiles.Isf(isf));
        Assert.That((layout.UniqueProcessId, layout.ActiveProcessLinks, layout.CreateTime, layout.InheritedFromUniqueProcessId, layout.SectionBaseAddress,
                layout.Peb, layout.ImageFileName, layout.UserDirectoryTableBase, layout.Wow64Process),
            Is.EqualTo((pid, links, (int?)create, (int?)ppid, (int?)sectionBase, (int?)peb, name, (int?)userDtb, (int?)wow64)));
        // _KPROCESS.DirectoryTableBase is 0x28 on x64 (data README, 19041.804).
        Assert.That(layout.DirectoryTableBase, Is.EqualTo(0x28));
        Assert.That(layout.Provenance.Single(p => p.Name == "_EPROCESS.UniqueProcessId"),
            Is.EqualTo(new LayoutField("_EPROCESS.UniqueProcessId", $"0x{pid:X}", "ISF " + isf)));
    }

    // CSV: VadRoot, MMVAD_SHORT.StartingVpn, MMVAD_SHORT.u, MMVAD.Subsection, MMVAD.FirstPrototypePte, VadFlags VadType/Protection/PrivateMemory bits.
    [TestCase(Win7, true, 0x448, 0x18, 0x28, 0x48, 0x50, 52, 56, 63)]
    [TestCase(Win10, false, 0x7d8, 0x18, 0x30, 0x48, 0x50, 4, 7, 20)]
    [TestCase(Win11, false, 0x7d8, 0x18, 0x30, 0x48, 0x50, 4, 7, 21)]
    public void VadLayoutFromIsfHasTheDocumentedOffsetsAndTreeShape(string isf, bool windows7, int vadRoot, int startingVpn, int flags, int subsection,
        int firstPrototype, int vadType, int protection, int privateMemory)
    {
        var layout = VadLayout.From(KernelProfiles.Isf(isf));
        Assert.That((layout.Windows7Tree, layout.VadRoot, layout.StartingVpn, layout.Flags, layout.Subsection, layout.FirstPrototypePte),
            Is.EqualTo((windows7, vadRoot, startingVpn, flags, subsection, firstPrototype)));
        Assert.That((layout.VadType.Position, layout.Protection.Position, layout.PrivateMemory.Position), Is.EqualTo((vadType, protection, privateMemory)));
        // Windows 7 links VADs through _MMADDRESS_NODE children (BalancedRoot.RightChild at +0x10); later builds through _RTL_BALANCED_NODE.
        if (windows7) Assert.That((layout.RootPointer, layout.StartingVpnHigh, layout.MemCommitInFlags is not null), Is.EqualTo((0x10, (int?)null, true)));
        else Assert.That((layout.RootPointer, layout.StartingVpnHigh, layout.MemCommitInFlags, layout.Flags1 is not null), Is.EqualTo((0, (int?)0x20, (BitField?)null, true)));
    }

    // CSV: SUBSECTION.ControlArea, SUBSECTION.PtesInSubsection, CONTROL_AREA.FilePointer, FILE_OBJECT.FileName.
    [TestCase(Win7, 0x18)]
    [TestCase(Win10, 0x2c)]
    [TestCase(Win11, 0x2c)]
    public void SectionLayoutFromIsfComesFromTheProfileWhereItHasTheField(string isf, int ptesInSubsection)
    {
        var layout = SectionObjectLayout.From(KernelProfiles.Isf(isf), 19041);
        Assert.That((layout.SubsectionControlArea, layout.PtesInSubsection, layout.ControlAreaFilePointer, layout.FileObjectFileName),
            Is.EqualTo((0, ptesInSubsection, 0x40, 0x58)));
        Assert.That(layout.Provenance.Single(p => p.Name == "_SUBSECTION.PtesInSubsection").Source, Is.EqualTo("ISF " + isf));
        Assert.That(layout.Provenance.Single(p => p.Name == "_MMSECTION_FLAGS.Image"), Is.EqualTo(new LayoutField("_MMSECTION_FLAGS.Image", "bits 5:1", "ISF " + isf)));
        Assert.That(layout.Provenance.Single(p => p.Name == "_SUBSECTION.NumberOfFullSectors").Source, Does.StartWith("build table"));
    }

    [TestCase(7601u, Win7)]
    [TestCase(19041u, Win10)]
    public void BuildTableAgreesWithTheIsfAndSaysItIsTheTable(uint build, string isf)
    {
        var table = SectionObjectLayout.FromBuildTable(build);
        var fromProfile = SectionObjectLayout.From(KernelProfiles.Isf(isf), build);
        Assert.That(table with { Provenance = [] }, Is.EqualTo(fromProfile with { Provenance = [] }));
        Assert.That(table.Provenance.Select(p => p.Source).Distinct(), Is.EqualTo(new[] { build < 9200 ? "build table (Windows 7 SP1 x64)" : "build table (Windows 10/11 x64)" }));
        Assert.That(table.Provenance, Has.Count.EqualTo(13));
    }

    [Test]
    public void SectionLayoutTakesEachFieldFromTheProfileAndTheRestFromTheTable()
    {
        var profile = new KernelProfile("AB", 19041);
        profile.SetOffset("_SUBSECTION.PtesInSubsection", 0x34, "test source");
        var layout = SectionObjectLayout.From(profile.Freeze(), 19041);
        Assert.That((layout.PtesInSubsection, layout.StartingSector, layout.SubsectionReadSize), Is.EqualTo((0x34, 0x24, 0x38)));
        Assert.That(layout.Provenance.Single(p => p.Name == "_SUBSECTION.PtesInSubsection"), Is.EqualTo(new LayoutField("_SUBSECTION.PtesInSubsection", "0x34", "test source")));
        Assert.That(layout.Provenance.Single(p => p.Name == "_SUBSECTION.StartingSector").Source, Is.EqualTo("build table (Windows 10/11 x64)"));
        Assert.That(layout.Sources, Is.EqualTo("build table (Windows 10/11 x64) + test source"));
    }

    [Test]
    public void MissingRequiredFieldsAreAllNamedInOneError()
    {
        var profile = new KernelProfile("5278AFF86C341677D7D7835C85B7B8441", 19041);
        profile.SetOffset("_EPROCESS.UniqueProcessId", 0x440, "test");
        var error = Assert.Throws<KernelProfileException>(() => EprocessLayout.From(profile))!;
        Assert.That(error.Message, Is.EqualTo("the _EPROCESS layout cannot be resolved: the profile of ntkrnlmp.pdb 5278AFF86C341677D7D7835C85B7B8441 build 19041 lacks "
            + "_EPROCESS.ActiveProcessLinks, _EPROCESS.ImageFileName, _KPROCESS.DirectoryTableBase"));
    }

    [Test]
    public void VadLayoutWithoutSomeFieldsNamesEachMissingOne()
    {
        var full = KernelProfiles.Isf(Win10);
        var partial = new KernelProfile(full.PdbId, full.Build);
        foreach (var (name, (value, source)) in full.Offsets.Where(o => o.Key is not ("_EPROCESS.VadRoot" or "_MMVAD.Subsection")))
            partial.SetOffset(name, value, source);
        foreach (var (name, (value, source)) in full.Bits.Where(b => b.Key != "_MMVAD_FLAGS.Protection")) partial.SetBits(name, value, source);
        var error = Assert.Throws<KernelProfileException>(() => VadLayout.From(partial))!;
        Assert.That(error.Message, Does.EndWith("lacks _EPROCESS.VadRoot, _MMVAD_FLAGS.Protection, _MMVAD.Subsection"));
    }

    [Test]
    public void AnOutOfRangeOffsetIsAnErrorNamingItsSource()
    {
        var profile = Required(new KernelProfile(null, 19041));
        profile.SetOffset("_EPROCESS.ImageFileName", 0x20000, "broken source");
        Assert.That(() => EprocessLayout.From(profile), Throws.TypeOf<KernelProfileException>()
            .With.Message.Contains("_EPROCESS.ImageFileName (offset 0x20000 from broken source is out of range)"));
    }

    [Test]
    public void OptionalFieldsTheProfileLacksAreNull()
    {
        var layout = EprocessLayout.From(Required(new KernelProfile(null, 19041)));
        Assert.That(new[] { layout.UserDirectoryTableBase, layout.InheritedFromUniqueProcessId, layout.Peb, layout.CreateTime, layout.ExitTime,
            layout.SectionBaseAddress, layout.Wow64Process }, Is.All.Null);
        Assert.That(layout.Provenance.Select(p => p.Name), Is.EquivalentTo(new[]
            { "_EPROCESS.UniqueProcessId", "_EPROCESS.ActiveProcessLinks", "_EPROCESS.ImageFileName", "_KPROCESS.DirectoryTableBase" }));
        Assert.That(InvalidPteMaskLayout.From(KernelProfiles.Isf(Win7)), Is.Null);
    }

    [Test]
    public void KernelModulesUseKldrEntriesWhereTheProfileHasThem()
    {
        Assert.That(LoaderEntryLayout.ForKernelModules(KernelProfiles.Isf(Win7)).Type, Is.EqualTo("_LDR_DATA_TABLE_ENTRY"));
        var kldr = LoaderEntryLayout.ForKernelModules(KernelProfiles.Isf(Win10));
        Assert.That((kldr.Type, kldr.DllBase), Is.EqualTo(("_KLDR_DATA_TABLE_ENTRY", 0x30)));
    }

    [Test]
    public void AFrozenProfileRefusesEveryChange()
    {
        var profile = new KernelProfile(null, 19041).Freeze();
        Assert.That(profile.IsFrozen, Is.True);
        Assert.Throws<InvalidOperationException>(() => profile.SetOffset("_EPROCESS.Peb", 0x550, "late"));
        Assert.Throws<InvalidOperationException>(() => profile.SetBits("_MMVAD_FLAGS.Protection", new BitField(7, 5), "late"));
        Assert.Throws<InvalidOperationException>(() => profile.SetSize("_EPROCESS", 0xA40, "late"));
        Assert.Throws<InvalidOperationException>(() => profile.SetRva("MiState", 0x1000, "late"));
        Assert.Throws<InvalidOperationException>(() => profile.FillFrom(new KernelProfile(null, 19041)));
        Assert.That(profile.Offsets, Is.Empty);
    }

    [Test]
    public void LayoutsAreResolvedOnlyFromAFrozenProfile()
    {
        var profile = KernelProfiles.Isf(Win10);
        Assert.Throws<InvalidOperationException>(() => KernelLayouts.From(profile, 19041));
        var layouts = KernelLayouts.From(profile.Freeze(), 19041);
        Assert.That(layouts.Problems, Is.Empty);
        Assert.That(layouts.Eprocess.UniqueProcessId, Is.EqualTo(0x440));
        Assert.That(layouts.InvalidPteMask!.InvalidPteMask, Is.EqualTo(0xc0));
    }

    [Test]
    public void AnUnresolvedLayoutFailsWhenUsedNamingItsFields()
    {
        var layouts = KernelLayouts.From(Required(new KernelProfile(null, 19041)).Freeze(), 19041);
        Assert.That(layouts.Eprocess.ImageFileName, Is.EqualTo(0x5a8));
        Assert.That(() => layouts.Vad, Throws.TypeOf<KernelProfileException>().With.Message.Contains("_EPROCESS.VadRoot").And.Message.Contains("_MMVAD.Subsection"));
        Assert.That(layouts.Peb.OrNull, Is.Null);
        Assert.That(layouts.Problems, Has.Count.EqualTo(6));
        Assert.That(() => layouts.Thread, Throws.TypeOf<KernelProfileException>().With.Message.Contains("_EPROCESS.ThreadListHead").And.Message.Contains("_ETHREAD.Cid"));
        Assert.That(layouts.Sections.Sources, Is.EqualTo("build table (Windows 10/11 x64)"));
    }

    /// <summary>
    /// The catalogue the symbol sources fill and the layouts cannot drift apart: a profile with every catalogued name
    /// resolves every layout, and every field a layout takes from a profile is catalogued.
    /// </summary>
    [Test]
    public void EveryFieldTheLayoutsReadIsInKernelFields()
    {
        var profile = new KernelProfile(null, 19041);
        foreach (var name in KernelFields.Offsets) profile.SetOffset(name, 8, "catalogue");
        foreach (var name in KernelFields.Bits) profile.SetBits(name, new BitField(1, 1), "catalogue");
        foreach (var name in KernelFields.Sizes) profile.SetSize(name, 0x100, "catalogue");
        foreach (var name in KernelFields.Rvas) profile.SetRva(name, 0x1000, "catalogue");
        var layouts = KernelLayouts.From(profile.Freeze(), 19041);
        Assert.That(layouts.Problems, Is.Empty);
        var read = layouts.Provenance.Where(p => p.Source == "catalogue").Select(p => p.Name.StartsWith("sizeof(") ? p.Name[7..^1] : p.Name).Distinct().ToList();
        Assert.That(read, Is.SubsetOf(KernelFields.Offsets.Concat(KernelFields.Bits).Concat(KernelFields.Sizes).Concat(KernelFields.Rvas)));
        Assert.That(layouts.Provenance.Where(p => p.Source != "catalogue").Select(p => p.Name), Is.EqualTo(new[] { "_SUBSECTION.NumberOfFullSectors",
            "_PEB_LDR_DATA.InMemoryOrderModuleList", "_LDR_DATA_TABLE_ENTRY.InMemoryOrderLinks",
            "_PEB_LDR_DATA.InInitializationOrderModuleList", "_LDR_DATA_TABLE_ENTRY.InInitializationOrderLinks" }));
        Assert.That(read, Does.Contain("_EPROCESS.VadRoot").And.Contain("_FILE_OBJECT.FileName").And.Contain("MiState"));
    }

    private static KernelProfile Required(KernelProfile profile)
    {
        profile.SetOffset("_EPROCESS.UniqueProcessId", 0x440, "test");
        profile.SetOffset("_EPROCESS.ActiveProcessLinks", 0x448, "test");
        profile.SetOffset("_EPROCESS.ImageFileName", 0x5a8, "test");
        profile.SetOffset("_KPROCESS.DirectoryTableBase", 0x28, "test");
        return profile;
    }
}

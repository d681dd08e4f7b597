using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pdb;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>The kernel-like fixture: every member offset, bit field, size and public RVA that kernel.yaml declares.</summary>
public class KernelFixtureTests
{
    private static PdbFile? _committed;
    private static PdbFile? _withPublics;

    private static PdbFile Committed() => _committed ??= PdbFile.Open(PdbFixtures.KernelPdbPath);
    private static PdbFile Kernel() => _withPublics ??= PdbFixtures.Kernel();
    private static PdbTypes Types => Committed().Types;

    [Test]
    public void CommittedFixtureAsYaml2pdbWroteIt()
    {
        var pdb = Committed();
        Assert.That(pdb.BlockSize, Is.EqualTo(4096));
        Assert.That(pdb.StreamCount, Is.EqualTo(8));
        Assert.That(pdb.Info.Version, Is.EqualTo(PdbInfoStream.VC70));
        Assert.That(pdb.Info.Signature, Is.EqualTo(1600000000));
        Assert.That(pdb.Info.Age, Is.EqualTo(PdbFixtures.KernelInfoAge));
        Assert.That(pdb.Guid, Is.EqualTo(PdbFixtures.KernelGuid));
        Assert.That(pdb.Age, Is.EqualTo(PdbFixtures.KernelAge));
        Assert.That(pdb.PdbId, Is.EqualTo(PdbFixtures.KernelId));
        Assert.That(pdb.Machine, Is.EqualTo(0x8664));
        Assert.That(pdb.Dbi.BuildNumber, Is.EqualTo(36363));
        Assert.That((pdb.Tpi!.TypeIndexBegin, pdb.Tpi.TypeIndexEnd), Is.EqualTo((0x1000u, 0x1047u)));
        Assert.That(pdb.Sections, Is.Empty, "yaml2pdb writes no section headers");
        Assert.That(pdb.Publics.Count, Is.Zero, "yaml2pdb writes no publics");
    }

    [TestCase("_LIST_ENTRY", 16, 2)]
    [TestCase("_KPROCESS", 0x438, 4)]
    [TestCase("_EPROCESS", 0xA40, 12)]
    [TestCase("_LARGE_INTEGER", 8, 3)]
    [TestCase("_RTL_AVL_TREE", 8, 1)]
    [TestCase("_RTL_BALANCED_NODE", 0x18, 6)]
    [TestCase("_MMVAD_FLAGS", 4, 9)]
    [TestCase("_MMVAD_FLAGS1", 4, 2)]
    [TestCase("_MMVAD_SHORT", 0x40, 11)]
    [TestCase("_MMVAD", 0x88, 6)]
    [TestCase("_MI_HARDWARE_STATE", 0x100, 1)]
    [TestCase("_MI_SYSTEM_INFORMATION", 0x12345, 2)]
    [TestCase("MemFsSkipTest", 32, 2)]
    public void StructureSizes(string name, int size, int members)
    {
        var s = Types.Structure(name)!;
        Assert.That(s.Size, Is.EqualTo(size));
        Assert.That(s.Members, Has.Count.EqualTo(members));
    }

    [TestCase("_LIST_ENTRY", "Flink", 0, "_LIST_ENTRY*")]
    [TestCase("_LIST_ENTRY", "Blink", 8, "_LIST_ENTRY*")]
    [TestCase("_KPROCESS", "ProfileListHead", 0x18, "_LIST_ENTRY")]
    [TestCase("_KPROCESS", "DirectoryTableBase", 0x28, "unsigned __int64")]
    [TestCase("_KPROCESS", "ThreadListHead", 0x30, "_LIST_ENTRY")]
    [TestCase("_KPROCESS", "UserDirectoryTableBase", 0x388, "unsigned __int64")]
    [TestCase("_EPROCESS", "Pcb", 0, "_KPROCESS")]
    [TestCase("_EPROCESS", "UniqueProcessId", 0x440, "void*")]
    [TestCase("_EPROCESS", "ActiveProcessLinks", 0x448, "_LIST_ENTRY")]
    [TestCase("_EPROCESS", "CreateTime", 0x468, "_LARGE_INTEGER")]
    [TestCase("_EPROCESS", "InheritedFromUniqueProcessId", 0x540, "void*")]
    [TestCase("_EPROCESS", "Peb", 0x550, "_PEB*")]
    [TestCase("_EPROCESS", "ObjectTable", 0x570, "void*")]
    [TestCase("_EPROCESS", "ImageFileName", 0x5A8, "unsigned char[15]")]
    [TestCase("_EPROCESS", "ThreadListHead", 0x5E0, "_LIST_ENTRY")]
    [TestCase("_EPROCESS", "ActiveThreads", 0x5F0, "unsigned long")]
    [TestCase("_EPROCESS", "ExitStatus", 0x7D4, "volatile long")]
    [TestCase("_EPROCESS", "VadRoot", 0x7D8, "_RTL_AVL_TREE")]
    [TestCase("_LARGE_INTEGER", "HighPart", 4, "long")]
    [TestCase("_LARGE_INTEGER", "QuadPart", 0, "__int64")]
    [TestCase("_RTL_AVL_TREE", "Root", 0, "_RTL_BALANCED_NODE*")]
    [TestCase("_RTL_BALANCED_NODE", "Children", 0, "_RTL_BALANCED_NODE*[2]")]
    [TestCase("_RTL_BALANCED_NODE", "Left", 0, "_RTL_BALANCED_NODE*")]
    [TestCase("_RTL_BALANCED_NODE", "Right", 8, "_RTL_BALANCED_NODE*")]
    [TestCase("_RTL_BALANCED_NODE", "ParentValue", 16, "unsigned __int64")]
    [TestCase("_MMVAD_SHORT", "VadNode", 0, "_RTL_BALANCED_NODE")]
    [TestCase("_MMVAD_SHORT", "NextVad", 0, "_MMVAD_SHORT*")]
    [TestCase("_MMVAD_SHORT", "StartingVpn", 0x18, "unsigned long")]
    [TestCase("_MMVAD_SHORT", "EndingVpn", 0x1C, "unsigned long")]
    [TestCase("_MMVAD_SHORT", "StartingVpnHigh", 0x20, "unsigned char")]
    [TestCase("_MMVAD_SHORT", "EndingVpnHigh", 0x21, "unsigned char")]
    [TestCase("_MMVAD_SHORT", "CommitChargeHigh", 0x22, "unsigned char")]
    [TestCase("_MMVAD_SHORT", "ReferenceCount", 0x24, "long")]
    [TestCase("_MMVAD_SHORT", "u", 0x30, "_MMVAD_SHORT::<unnamed-type-u>")]
    [TestCase("_MMVAD_SHORT", "u1", 0x34, "_MMVAD_SHORT::<unnamed-type-u1>")]
    [TestCase("_MMVAD_SHORT", "EventList", 0x38, "void*")]
    [TestCase("_MMVAD_SHORT::<unnamed-type-u>", "LongFlags", 0, "unsigned long")]
    [TestCase("_MMVAD_SHORT::<unnamed-type-u>", "VadFlags", 0, "_MMVAD_FLAGS")]
    [TestCase("_MMVAD_SHORT::<unnamed-type-u1>", "VadFlags1", 0, "_MMVAD_FLAGS1")]
    [TestCase("_MMVAD", "Core", 0, "_MMVAD_SHORT")]
    [TestCase("_MMVAD", "u2", 0x40, "unsigned long")]
    [TestCase("_MMVAD", "Subsection", 0x48, "_SUBSECTION*")]
    [TestCase("_MMVAD", "FirstPrototypePte", 0x50, "unsigned __int64*")]
    [TestCase("_MMVAD", "LastContiguousPte", 0x58, "unsigned __int64*")]
    [TestCase("_MMVAD", "ViewLinks", 0x60, "_LIST_ENTRY")]
    [TestCase("_MI_HARDWARE_STATE", "InvalidPteMask", 0x50, "unsigned __int64")]
    [TestCase("_MI_SYSTEM_INFORMATION", "Hardware", 0x9000, "_MI_HARDWARE_STATE")]
    [TestCase("_MI_SYSTEM_INFORMATION", "Tail", 0x12000, "unsigned long")]
    [TestCase("MemFsSkipTest", "First", 0x10, "unsigned __int64")]
    [TestCase("MemFsSkipTest", "Last", 0x18, "unsigned long")]
    public void MemberOffsets(string structure, string member, int offset, string typeName)
    {
        var m = Types.Structure(structure)!.Member(member)!;
        Assert.That((m.Offset, m.TypeName, m.Bits), Is.EqualTo((offset, typeName, (BitField?)null)));
    }

    [TestCase("_MMVAD_FLAGS", "Lock", 0, 1)]
    [TestCase("_MMVAD_FLAGS", "LockContended", 1, 1)]
    [TestCase("_MMVAD_FLAGS", "DeleteInProgress", 2, 1)]
    [TestCase("_MMVAD_FLAGS", "NoChange", 3, 1)]
    [TestCase("_MMVAD_FLAGS", "VadType", 4, 3)]
    [TestCase("_MMVAD_FLAGS", "Protection", 7, 5)]
    [TestCase("_MMVAD_FLAGS", "PreferredNode", 12, 6)]
    [TestCase("_MMVAD_FLAGS", "PageSize", 18, 2)]
    [TestCase("_MMVAD_FLAGS", "PrivateMemory", 20, 1)]
    [TestCase("_MMVAD_FLAGS1", "CommitCharge", 0, 31)]
    [TestCase("_MMVAD_FLAGS1", "MemCommit", 31, 1)]
    [TestCase("_RTL_BALANCED_NODE", "Red", 0, 1)]
    [TestCase("_RTL_BALANCED_NODE", "Balance", 1, 2)]
    public void BitFields(string structure, string member, int position, int length)
    {
        var m = Types.Structure(structure)!.Member(member)!;
        Assert.That(m.Bits, Is.EqualTo(new BitField(position, length)));
        Assert.That(m.Offset, Is.EqualTo(structure == "_RTL_BALANCED_NODE" ? 16 : 0));
        Assert.That(m.TypeName, Is.EqualTo(structure == "_RTL_BALANCED_NODE" ? "unsigned char" : "unsigned long"));
    }

    [Test]
    public void UnionAndForwardReferences()
    {
        var u = Types.Structure("_MMVAD_SHORT")!.Member("u")!;
        var union = Types.Structure(u.TypeIndex)!;
        Assert.That((union.Kind, union.Size, union.UniqueName), Is.EqualTo((PdbUdtKind.Union, 4, ".?AT<unnamed-type-u>@_MMVAD_SHORT@@")));
        var pcb = Types.Structure("_EPROCESS")!.Member("Pcb")!;
        Assert.That(pcb.TypeIndex, Is.EqualTo(0x1004), "the member points at the forward reference");
        Assert.That(Types.Structure(pcb.TypeIndex)!.TypeIndex, Is.EqualTo(0x100A));
        Assert.That(Types.SizeOf(pcb.TypeIndex), Is.EqualTo(0x438));
        Assert.That(Types.Structure("_LARGE_INTEGER")!.Kind, Is.EqualTo(PdbUdtKind.Union));
        Assert.That(Types.Structure("MemFsSkipTest")!.Kind, Is.EqualTo(PdbUdtKind.Class));
        Assert.That(Types.Structure(".?AU_EPROCESS@@")!.Size, Is.EqualTo(0xA40), "lookup by unique name");
        Assert.That(Types.Structure("_PEB"), Is.Null, "forward reference only, no definition");
        Assert.That(Types.Structure("_SUBSECTION"), Is.Null);
        Assert.That(Types.SizeOf(0x1006), Is.Null);
        Assert.That(Types.StructureNames, Does.Not.Contain("_PEB"));
    }

    [Test]
    public void Sizes()
    {
        Assert.That(Types.SizeOf(0x1001), Is.EqualTo(8), "pointer");
        Assert.That(Types.SizeOf(0x1008), Is.EqualTo(15), "array");
        Assert.That(Types.SizeOf(0x100B), Is.EqualTo(4), "volatile long");
        Assert.That(Types.SizeOf(0x1014), Is.EqualTo(16), "pointer[2]");
        Assert.That(Types.SizeOf(0x1045), Is.Null, "procedure");
        Assert.That(Types.SizeOf(0x1046), Is.EqualTo(8), "pointer to procedure");
        Assert.That(Types.Describe(0x1046), Is.EqualTo("<function>*"));
        Assert.That(Types.SizeOf(0x603), Is.EqualTo(8));
        Assert.That(Types.SizeOf(0x23), Is.EqualTo(8));
        Assert.That(Types.SizeOf(0x20), Is.EqualTo(1));
    }

    [Test]
    public void EnumNumericLeaves()
    {
        var e = Types.Enum("_MEMFS_NUMERIC")!;
        Assert.That(e.Enumerators.Select(x => (x.Name, x.Value)), Is.EqualTo(new (string, Int128)[]
        {
            ("Small", 1), ("Neg", -2), ("Char", -100), ("Unsigned", 0x9000), ("VeryNeg", -100000), ("Big", 0x12345678),
            ("Huge", 0x123456789), ("Max", ulong.MaxValue),
        }));
        Assert.That(e.Value("Max"), Is.EqualTo((Int128)ulong.MaxValue));
        Assert.That(Types.SizeOf(e.TypeIndex), Is.EqualTo(4));
        Assert.That(Types.Enum("_NOPE"), Is.Null);
    }

    [Test]
    public void PublicsThroughSectionHeaders()
    {
        var pdb = Kernel();
        Assert.That(pdb.PdbId, Is.EqualTo(PdbFixtures.KernelId));
        Assert.That(pdb.Sections.Select(s => (s.Name, s.VirtualAddress, s.VirtualSize)), Is.EqualTo(PdbFixtures.KernelSections));
        Assert.That(pdb.Publics.Count, Is.EqualTo(PdbFixtures.KernelPublics.Length));
        foreach (var (name, segment, offset, flags, rva) in PdbFixtures.KernelPublics)
        {
            var p = pdb.Publics[name]!;
            Assert.That((p.Segment, p.Offset, p.Flags, p.Rva), Is.EqualTo((segment, offset, flags, rva)), name);
        }
        Assert.That(pdb.Publics["KiSystemCall64"]!.IsFunction, Is.True);
        Assert.That(pdb.Publics.Rva("Missing"), Is.Null);
        Assert.That(pdb.Types.Structure("_EPROCESS")!.Size, Is.EqualTo(0xA40), "the added streams leave the types as they were");
    }

    [Test]
    public void PublicsThroughOmap()
    {
        using var msf = MsfFile.Open(PdbFixtures.KernelPdbPath);
        var streams = Enumerable.Range(0, msf.StreamCount).Select(i => msf.HasStream(i) ? msf.ReadStream(i) : null).ToList();
        var n = (ushort)streams.Count;
        streams[DbiStream.Index] = PdbBuilder.Dbi(2, 0x8664, n, sectionHeaderStream: (ushort)(n + 1), omapFromSrc: (ushort)(n + 2), sectionHeaderOrig: (ushort)(n + 3));
        streams.Add(PdbBuilder.Publics([("Moved", 1, 0x10, 0), ("Removed", 1, 0x200, 0), ("BeforeMap", 1, 0, 0)]));
        streams.Add(PdbBuilder.Sections([(".text", 0x5000, 0x1000)]));
        // OMAP from source: 0x1008 → 0x9008, 0x1100 → 0 (removed), 0x1300 → 0xA000
        streams.Add([.. TpiBuilder.U32(0x1008), .. TpiBuilder.U32(0x9008), .. TpiBuilder.U32(0x1100), .. TpiBuilder.U32(0), .. TpiBuilder.U32(0x1300), .. TpiBuilder.U32(0xA000)]);
        streams.Add(PdbBuilder.Sections([(".text", 0x1000, 0x1000)]));
        var pdb = PdbFile.Parse("omap.pdb", MsfWriter.Build(streams));
        Assert.That(pdb.Sections.Single().VirtualAddress, Is.EqualTo(0x1000), "SectionHdrOrig when OMAP is present");
        Assert.That(pdb.Publics.Rva("Moved"), Is.EqualTo(0x9010), "0x1010 is 8 past the 0x1008 → 0x9008 entry");
        Assert.That(pdb.Publics.Rva("Removed"), Is.Null);
        Assert.That(pdb.Publics.Rva("BeforeMap"), Is.Null);
    }
}

using MemFs.Tests.Support;
using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pdb;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>The real Microsoft driver PDB amdppm.pdb: its MSF, info, TPI, DBI and public-symbol facts, and a few structures checked against llvm-pdbutil.</summary>
public class AmdppmPdbTests
{
    private static readonly Guid AmdppmGuid = new("1C19FDDB-27BB-3399-D9B4-5973EFEAFCF3");
    private static PdbFile? _pdb;

    private static PdbFile Pdb() => _pdb ??= PdbFile.Open(SharedData.Require(PdbFixtures.Amdppm));

    [Test]
    public void MsfContainer()
    {
        using var msf = MsfFile.Open(SharedData.Require(PdbFixtures.Amdppm));
        Assert.That(msf.BlockSize, Is.EqualTo(1024));
        Assert.That(msf.FreeBlockMapBlock, Is.EqualTo(2));
        Assert.That(msf.NumBlocks, Is.EqualTo(659));
        Assert.That(msf.Length, Is.EqualTo(659 * 1024));
        Assert.That(msf.NumDirectoryBytes, Is.EqualTo(2712));
        Assert.That(msf.BlockMapAddr, Is.EqualTo(655));
        Assert.That(msf.DirectoryBlocks, Is.EqualTo(new uint[] { 652, 653, 654 }));
        Assert.That(msf.StreamCount, Is.EqualTo(34));
        Assert.That(msf.StreamSize(2), Is.EqualTo(310348));
        Assert.That(msf.ReadStream(2), Has.Length.EqualTo(310348));
        Assert.That(msf.StreamSize(5), Is.EqualTo(0));
        Assert.That(msf.ReadStream(1), Has.Length.EqualTo(93));
    }

    [Test]
    public void InfoStream()
    {
        var info = Pdb().Info;
        Assert.That(info.Version, Is.EqualTo(20000404));
        Assert.That(info.Signature, Is.EqualTo(0xC9C03000));
        Assert.That(info.Age, Is.EqualTo(3));
        Assert.That(info.Guid, Is.EqualTo(AmdppmGuid));
    }

    [Test]
    public void TpiHeader()
    {
        var tpi = Pdb().Tpi!;
        Assert.That(tpi.Version, Is.EqualTo(20040203));
        Assert.That(tpi.HeaderSize, Is.EqualTo(56));
        Assert.That(tpi.TypeIndexBegin, Is.EqualTo(0x1000));
        Assert.That(tpi.TypeIndexEnd, Is.EqualTo(0x230D));
        Assert.That(tpi.RecordCount, Is.EqualTo(4877));
        Assert.That(tpi.TypeRecordBytes, Is.EqualTo(310292));
    }

    [Test]
    public void DbiHeaderAndIdentity()
    {
        var pdb = Pdb();
        Assert.That(pdb.Dbi.VersionSignature, Is.EqualTo(-1));
        Assert.That(pdb.Dbi.VersionHeader, Is.EqualTo(19990903));
        Assert.That(pdb.Dbi.Age, Is.EqualTo(1));
        Assert.That(pdb.Age, Is.EqualTo(1), "the DBI age (= RSDS age), not the info-stream age 3");
        Assert.That(pdb.Machine, Is.EqualTo(0x8664));
        Assert.That(pdb.Dbi.GlobalStreamIndex, Is.EqualTo(28));
        Assert.That(pdb.Dbi.PublicStreamIndex, Is.EqualTo(29));
        Assert.That(pdb.Dbi.SymRecordStream, Is.EqualTo(30));
        Assert.That(pdb.Dbi.SectionHeaderStream, Is.EqualTo(8));
        Assert.That(pdb.Dbi.DebugStream(DbiStream.DbgFpo), Is.Null);
        Assert.That(pdb.Dbi.DebugStream(DbiStream.DbgOmapFromSrc), Is.Null);
        Assert.That(pdb.PdbId, Is.EqualTo("1C19FDDB27BB3399D9B45973EFEAFCF31"));
    }

    [Test]
    public void SectionHeaders()
    {
        var sections = Pdb().Sections;
        Assert.That(sections.Select(s => (s.Name, s.VirtualAddress)), Is.EqualTo(new[]
        {
            (".text", 0x1000u), (".rdata", 0xF000u), (".data", 0x13000u), (".pdata", 0x19000u), (".idata", 0x1B000u),
            ("PAGE", 0x1C000u), ("INIT", 0x36000u), ("GFIDS", 0x38000u), (".rsrc", 0x39000u), (".reloc", 0x3A000u),
        }));
    }

    [TestCase("FxDriverEntry", 0x27A0u)]
    [TestCase("DriverEntry", 0x3635Cu)]
    [TestCase("WriteGenAddrEx", 0x30D4u)]
    [TestCase("WriteIoMemRawEx", 0x32DCu)]
    [TestCase("__security_cookie", 0x130A0u)]
    public void PublicRva(string name, uint rva) => Assert.That(Pdb().Publics.Rva(name), Is.EqualTo(rva));

    [Test]
    public void PublicCountAndFaultAddress()
    {
        var publics = Pdb().Publics;
        Assert.That(publics.Count, Is.EqualTo(959));
        Assert.That(publics["DriverEntry"]!.IsFunction, Is.True);
        // the triage dump's fault 0xFFFFF8048B58334C − base 0xFFFFF8048B580000 = WriteIoMemRawEx+0x70
        var fault = 0xFFFFF8048B58334CUL - 0xFFFFF8048B580000UL;
        var nearest = publics.Symbols.Where(s => s.Rva <= fault).MaxBy(s => s.Rva)!;
        Assert.That((nearest.Name, fault - nearest.Rva!.Value), Is.EqualTo(("WriteIoMemRawEx", 0x70UL)));
    }

    [Test]
    public void KdpcStructure()
    {
        var kdpc = Pdb().Types.Structure("_KDPC")!;
        Assert.That(kdpc.TypeIndex, Is.EqualTo(0x132E));
        Assert.That(kdpc.Kind, Is.EqualTo(PdbUdtKind.Structure));
        Assert.That(kdpc.Size, Is.EqualTo(64));
        Assert.That(kdpc.Members, Has.Count.EqualTo(11));
        Assert.That(kdpc.Member("DpcListEntry"), Is.EqualTo(new PdbMember("DpcListEntry", 8, 0x10F6, "_SINGLE_LIST_ENTRY", null)));
        Assert.That(kdpc.Member("DeferredRoutine")!.Offset, Is.EqualTo(24));
        Assert.That(kdpc.Member("DeferredRoutine")!.TypeName, Is.EqualTo("<function>*"));
        Assert.That(kdpc.Member("DpcData"), Is.EqualTo(new PdbMember("DpcData", 56, 0x603, "void*", null)));
        Assert.That(kdpc.Member("Importance")!.TypeName, Is.EqualTo("unsigned char"));
    }

    [Test]
    public void ForwardReferencesResolve()
    {
        var types = Pdb().Types;
        var mutex = types.Structure("_FAST_MUTEX")!;
        Assert.That(mutex.Size, Is.EqualTo(56));
        var evt = mutex.Member("Event")!;
        Assert.That((evt.Offset, evt.TypeIndex, evt.TypeName), Is.EqualTo((24, 0x11D0u, "_KEVENT")));
        Assert.That(types.SizeOf(0x11D0), Is.EqualTo(24), "forward reference 0x11D0 → 0x11DD");
        Assert.That(types.Structure(0x11D0)!.TypeIndex, Is.EqualTo(0x11DD));
        Assert.That(types.Structure("_KEVENT")!.Member("Header")!.TypeName, Is.EqualTo("_DISPATCHER_HEADER"));
        Assert.That(types.SizeOf(0x11DB), Is.EqualTo(24));
    }

    [Test]
    public void DispatcherHeaderBitFields()
    {
        var header = Pdb().Types.Structure("_DISPATCHER_HEADER")!;
        Assert.That(header.TypeIndex, Is.EqualTo(0x1EC4));
        Assert.That(header.Size, Is.EqualTo(24));
        Assert.That(header.Members, Has.Count.EqualTo(59));
        Assert.That(header.Member("Lock")!.TypeName, Is.EqualTo("volatile long"));
        Assert.That(header.Member("Absolute"), Is.EqualTo(new PdbMember("Absolute", 1, 0x113E, "unsigned char", new BitField(0, 1))));
        Assert.That(header.Member("EncodedTolerableDelay")!.Bits, Is.EqualTo(new BitField(2, 6)));
        Assert.That(header.Member("UmsPrimary"), Is.EqualTo(new PdbMember("UmsPrimary", 3, 0x1DE8, "unsigned char", new BitField(7, 1))));
        Assert.That(header.Member("WaitListHead")!.Offset, Is.EqualTo(8));
    }

    [Test]
    public void Enums()
    {
        var e = Pdb().Types.Enum("_EVENT_TYPE")!;
        Assert.That(e.UnderlyingType, Is.EqualTo(0x74));
        Assert.That(e.Enumerators, Is.EqualTo(new[] { new PdbEnumerator("NotificationEvent", 0), new PdbEnumerator("SynchronizationEvent", 1) }));
        Assert.That(Pdb().Types.SizeOf(0x11D6), Is.EqualTo(4));
    }

    [Test]
    public void EveryStructureResolves()
    {
        var types = Pdb().Types;
        var count = 0;
        foreach (var name in types.StructureNames)
        {
            var s = types.Structure(name)!;
            Assert.That(s.Members.All(m => m.Offset <= s.Size || s.Size == 0), name);
            count++;
        }
        Assert.That(count, Is.GreaterThan(100));
        foreach (var name in types.EnumNames) Assert.That(types.Enum(name)!.Enumerators, Is.Not.Empty, name);
    }

    [Test]
    public void SharedDataFolderIsASymbolStore()
    {
        var path = SharedData.Require(PdbFixtures.Amdppm);
        var store = new SymbolStore(Path.Combine(SharedData.Root, "pdb"));
        Assert.That(store.Find("amdppm.pdb", AmdppmGuid, 1), Is.EqualTo(path));
        Assert.That(store.Find("amdppm.pdb", AmdppmGuid, 3), Is.Null, "the info-stream age is not the id age");
    }

    [Test]
    public void IdentityOnly()
    {
        var pdb = PdbFile.OpenIdentity(SharedData.Require(PdbFixtures.Amdppm));
        Assert.That((pdb.Guid, pdb.Age, pdb.Tpi), Is.EqualTo((AmdppmGuid, 1u, (TpiStream?)null)));
        Assert.Throws<InvalidOperationException>(() => _ = pdb.Types);
    }
}

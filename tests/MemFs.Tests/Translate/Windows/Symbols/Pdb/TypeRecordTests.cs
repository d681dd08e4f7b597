using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pdb;
using NUnit.Framework;
using static MemFs.Tests.Translate.Windows.Symbols.Pdb.TpiBuilder;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>Record forms yaml2pdb 14 cannot write, hand-assembled: the VS2019 LF_STRUCTURE2 / LF_UNION2 forms, odd block sizes.</summary>
public class TypeRecordTests
{
    [Test]
    public void Structure2AndUnion2()
    {
        var t = new TpiBuilder();
        t.Add(LeafKind.LF_STRUCTURE2, U32(0x280), U32(0), U32(0), U32(0), Numeric(0), Numeric(0), Name("_NEW"), Name(".?AU_NEW@@"));
        var bits = t.Add(LeafKind.LF_BITFIELD, U32(0x22), [3, 5]);
        var ulist = t.Add(LeafKind.LF_FIELDLIST, Member("All", 0x22, 0), Member("Part", bits, 0));
        var union = t.Add(LeafKind.LF_UNION2, U32(0x200), U32(ulist), Numeric(2), Numeric(4), Name("_NEW::<unnamed-type-u>"), Name(".?AT<u>@_NEW@@"));
        var list = t.Add(LeafKind.LF_FIELDLIST, Member("Head", 0x23, 0), Member("u", union, 0x9000));
        t.Add(LeafKind.LF_STRUCTURE2, U32(0x200), U32(list), U32(0), U32(0), Numeric(2), Numeric(0x9008), Name("_NEW"), Name(".?AU_NEW@@"));
        var pdb = PdbFile.Parse("new.pdb", PdbBuilder.WithTypes(t.Build(), blockSize: 2048));
        var s = pdb.Types.Structure("_NEW")!;
        Assert.That((s.Kind, s.Size, s.TypeIndex), Is.EqualTo((PdbUdtKind.Structure, 0x9008, 0x1005u)));
        Assert.That(s.Member("u")!.Offset, Is.EqualTo(0x9000));
        Assert.That(pdb.Types.SizeOf(0x1000), Is.EqualTo(0x9008), "forward reference in the new form");
        var u = pdb.Types.Structure(s.Member("u")!.TypeIndex)!;
        Assert.That((u.Kind, u.Size), Is.EqualTo((PdbUdtKind.Union, 4)));
        Assert.That(u.Member("Part")!.Bits, Is.EqualTo(new BitField(5, 3)));
    }

    [Test]
    public void BlockSize512AndNilStreams()
    {
        var t = new TpiBuilder();
        var list = t.Add(LeafKind.LF_FIELDLIST, Enumerable.Range(0, 60).Select(i => Member("M" + i, 0x23, (uint)i * 8)).ToArray());
        t.Add(LeafKind.LF_STRUCTURE, Structure("_WIDE", list, 480, 60));
        var bytes = MsfWriter.Build([[], PdbBuilder.Info(Guid.Empty, 7), t.Build(), PdbBuilder.Dbi(7, 0x8664, PdbBuilder.None, PdbBuilder.None), null], 512);
        using (var msf = MsfFile.Parse("wide.pdb", bytes))
        {
            Assert.That(msf.BlockSize, Is.EqualTo(512));
            Assert.That(msf.StreamSize(4), Is.Null);
            Assert.That(msf.ReadStream(4), Is.Empty);
            Assert.That(msf.StreamSize(2), Is.GreaterThan(1024), "the TPI stream spans blocks");
        }
        var s = PdbFile.Parse("wide.pdb", bytes).Types.Structure("_WIDE")!;
        Assert.That(s.Members.Select(m => m.Offset), Is.EqualTo(Enumerable.Range(0, 60).Select(i => i * 8)));
    }
}

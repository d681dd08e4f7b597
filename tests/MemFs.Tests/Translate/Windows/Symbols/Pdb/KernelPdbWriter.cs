using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>
/// Test-only: writes a PDB whose types carry a profile's layout — one LF_STRUCTURE per structure with LF_MEMBERs at
/// the profile's offsets and LF_BITFIELDs for its bit fields — and whose publics carry its RVAs, so the PDB source can
/// be tested with real kernel layouts (e.g. those of the JPCERT ISFs) through our own PDB reader.
/// </summary>
internal static class KernelPdbWriter
{
    private const uint UnsignedQuad = 0x0023;
    private const uint UnsignedLong = 0x0022;
    private const uint TextRva = 0x1000;

    public static byte[] FromProfile(KernelProfile profile, Guid guid, uint age)
    {
        var tpi = new TpiBuilder();
        var structures = profile.Offsets.Keys.Concat(profile.Bits.Keys).Concat(profile.Sizes.Keys.Select(s => s + "."))
            .Select(name => name[..name.IndexOf('.')]).Distinct().Order(StringComparer.Ordinal);
        foreach (var structure in structures)
        {
            var members = new List<byte>();
            var count = 0;
            foreach (var (name, (offset, _)) in profile.Offsets.Where(o => o.Key.StartsWith(structure + ".", StringComparison.Ordinal)))
            {
                members.AddRange(TpiBuilder.Member(name[(structure.Length + 1)..], UnsignedQuad, (uint)offset));
                count++;
            }
            foreach (var (name, (bits, _)) in profile.Bits.Where(b => b.Key.StartsWith(structure + ".", StringComparison.Ordinal)))
            {
                var bitfield = tpi.Add(LeafKind.LF_BITFIELD, TpiBuilder.U32(UnsignedLong), [(byte)bits.Length], [(byte)bits.Position]);
                members.AddRange(TpiBuilder.Member(name[(structure.Length + 1)..], bitfield, 0));
                count++;
            }
            var fieldList = tpi.Add(LeafKind.LF_FIELDLIST, members.ToArray());
            var size = profile.Size(structure) ?? profile.Offsets.Where(o => o.Key.StartsWith(structure + ".", StringComparison.Ordinal)).Select(o => o.Value.Value + 8).DefaultIfEmpty(8).Max();
            tpi.Add(LeafKind.LF_STRUCTURE, TpiBuilder.Structure(structure, fieldList, (uint)size, (ushort)count));
        }
        var publics = profile.Rvas.Select(r => (r.Key, (ushort)1, (uint)(r.Value.Value - TextRva), 0u));
        List<byte[]?> streams =
        [
            [], PdbBuilder.Info(guid, age + 1), tpi.Build(), PdbBuilder.Dbi(age, 0x8664, 4, 5),
            PdbBuilder.Publics(publics), PdbBuilder.Sections([(".text", TextRva, 0x0200_0000)]),
        ];
        return MsfWriter.Build(streams, 4096);
    }
}

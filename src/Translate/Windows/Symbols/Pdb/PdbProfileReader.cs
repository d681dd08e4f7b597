namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// Turns a kernel PDB into a <see cref="KernelProfile"/>: every <see cref="KernelFields"/> offset, bit field,
/// structure size and global RVA the PDB has, each with <c>source</c> as provenance. "Struct.Member" is the
/// member's offset (for a union or nested-structure member, the offset of that member); a bit field is the
/// LF_BITFIELD position and length of that member. On x86 PDBs a public's decorated name (_Name) is accepted too.
/// </summary>
internal static class PdbProfileReader
{
    public const ushort MachineI386 = 0x14C;

    public static KernelProfile Read(PdbFile pdb, string source)
    {
        var profile = new KernelProfile(pdb.PdbId, build: null);
        var types = pdb.Types;
        foreach (var name in KernelFields.Offsets)
            if (Find(types, name) is { } m)
                profile.SetOffset(name, m.Offset, source);
        foreach (var name in KernelFields.Bits)
            if (Find(types, name) is { Bits: { } bits })
                profile.SetBits(name, bits, source);
        foreach (var name in KernelFields.Sizes)
            if (types.Structure(name) is { } s)
                profile.SetSize(name, s.Size, source);
        foreach (var name in KernelFields.Rvas)
        {
            var rva = KernelFields.SymbolNames(name).Select(pdb.Publics.Rva).FirstOrDefault(r => r is not null);
            if (rva is null && pdb.Machine == MachineI386) rva = pdb.Publics.Rva("_" + name);
            if (rva is { } v) profile.SetRva(name, v, source);
        }
        return profile;
    }

    private static PdbMember? Find(PdbTypes types, string field)
    {
        var dot = field.IndexOf('.');
        return dot <= 0 ? null : types.Structure(field[..dot])?.Member(field[(dot + 1)..]);
    }
}

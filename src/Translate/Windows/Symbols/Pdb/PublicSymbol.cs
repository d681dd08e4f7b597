namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// An S_PUB32 record: flags (1 code, 2 function, 4 managed, 8 MSIL), section (1-based) and offset in it, name, and
/// the RVA (section VirtualAddress + offset), or null when the section is not in the section headers.
/// </summary>
internal sealed record PublicSymbol(string Name, uint Flags, ushort Segment, uint Offset, uint? Rva)
{
    public const ushort S_PUB32 = 0x110E;

    public bool IsFunction => (Flags & 2) != 0;
}

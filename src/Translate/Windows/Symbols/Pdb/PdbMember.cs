namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// A data member (LF_MEMBER) of a structure, class or union: its byte offset, its type index and a readable type
/// name ("_LIST_ENTRY", "_PEB*", "unsigned char[15]"); for a bit field (LF_BITFIELD type), <see cref="Bits"/> gives
/// the bit position and length inside the member's underlying integer.
/// </summary>
internal sealed record PdbMember(string Name, int Offset, uint TypeIndex, string TypeName, BitField? Bits);

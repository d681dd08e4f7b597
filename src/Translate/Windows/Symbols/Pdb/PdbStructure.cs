namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// The full definition of a structure, class or union: size and data members in field-list order (anonymous unions
/// and structures are already flattened into it by the compiler; a named union member such as _MMVAD_SHORT.u is a
/// member whose type is the union).
/// </summary>
internal sealed class PdbStructure(uint typeIndex, PdbUdtKind kind, string name, string? uniqueName, int size, IReadOnlyList<PdbMember> members)
{
    private readonly Dictionary<string, PdbMember> _byName = members.GroupBy(m => m.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public uint TypeIndex { get; } = typeIndex;
    public PdbUdtKind Kind { get; } = kind;
    public string Name { get; } = name;
    public string? UniqueName { get; } = uniqueName;
    public int Size { get; } = size;
    public IReadOnlyList<PdbMember> Members { get; } = members;

    /// <summary>The first data member with this name, or null.</summary>
    public PdbMember? Member(string memberName) => _byName.GetValueOrDefault(memberName);

    public override string ToString() => $"{Kind} {Name} (0x{TypeIndex:X}, {Size} bytes, {Members.Count} members)";
}

namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>The full definition of an enum (LF_ENUM): its underlying type and its enumerators in order.</summary>
internal sealed record PdbEnum(uint TypeIndex, string Name, uint UnderlyingType, IReadOnlyList<PdbEnumerator> Enumerators)
{
    public Int128? Value(string enumerator) => Enumerators.FirstOrDefault(e => e.Name == enumerator)?.Value;
}

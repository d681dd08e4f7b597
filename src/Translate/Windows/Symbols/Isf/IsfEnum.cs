namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>An ISF enumeration: size in bytes, base type name and constants.</summary>
internal sealed record IsfEnum(int Size, string Base, IReadOnlyDictionary<string, long> Constants);

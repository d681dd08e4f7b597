namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>An ISF user type (struct, union or class) with its size in bytes and members by name.</summary>
internal sealed record IsfUserType(string Kind, int Size, IReadOnlyDictionary<string, IsfField> Fields);

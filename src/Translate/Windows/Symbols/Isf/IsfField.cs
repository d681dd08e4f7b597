namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>A member of an ISF user type: its byte offset in the parent and its type.</summary>
internal sealed record IsfField(int Offset, IsfTypeRef Type, bool Anonymous);

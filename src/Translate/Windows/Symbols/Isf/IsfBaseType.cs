namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>An ISF base type; the one named <c>pointer</c> gives the native pointer size.</summary>
internal sealed record IsfBaseType(int Size, bool Signed, string Kind, string Endian);

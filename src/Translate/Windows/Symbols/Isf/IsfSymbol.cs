namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>An ISF symbol; <see cref="Address"/> is an RVA from the image base.</summary>
internal sealed record IsfSymbol(ulong Address, string? LinkageName, IsfTypeRef? Type);

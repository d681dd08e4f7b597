namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>One LF_ENUMERATE of an enum; the value is wide enough for every numeric leaf (i8 … u64).</summary>
internal sealed record PdbEnumerator(string Name, Int128 Value);

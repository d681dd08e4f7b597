namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>One kernel of the pack, keyed by PDB id: its file version, build, OS label(s) and layout.</summary>
internal sealed record PackedKernel(string Version, uint Build, string Os, PackedLayout Layout);

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>A kernel listed in JPCERT's README: ntoskrnl file version, its build, and the README's OS label(s).</summary>
internal sealed record JpcertKernel(string PdbId, string Version, uint Build, string Os);

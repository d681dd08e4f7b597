namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>One kernel of jpcert_ntkrnlmp_layouts.csv, with every cell by column name.</summary>
internal sealed record LayoutsRow(string Version, string PdbId, long XzBytes, IReadOnlyDictionary<string, string> Cells);

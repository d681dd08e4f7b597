using MemFs.Translate.Windows.Symbols;
using MemFs.Translate.Windows.Symbols.Isf;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>What the tests need of one JPCERT ISF, kept instead of the parsed file (213 of them do not fit in memory comfortably).</summary>
internal sealed record IsfCorpusEntry(
    string File,
    long Bytes,
    IsfMetadata Metadata,
    int UserTypes,
    int Enums,
    int Symbols,
    IReadOnlyDictionary<string, string> CsvValues,
    KernelProfile Profile);

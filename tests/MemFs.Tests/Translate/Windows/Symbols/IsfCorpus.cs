using System.Collections.Concurrent;
using System.Diagnostics;
using MemFs.Tests.Support;
using MemFs.Translate.Windows.Symbols.Isf;
using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Tests.Translate.Windows.Symbols;

/// <summary>
/// The 213 JPCERT ISFs of shared/data/symbols, each decompressed and parsed once for all tests (in parallel: about
/// 10 s on two cores), reduced to an <see cref="IsfCorpusEntry"/>.
/// </summary>
internal static class IsfCorpus
{
    private static readonly Lazy<(IReadOnlyList<IsfCorpusEntry> Entries, TimeSpan Elapsed)> Loaded = new(Load);

    public static string SymbolsRoot => SharedData.Require("symbols");

    public static string IsfFolder => Path.Combine(SymbolsRoot, "windows", "ntkrnlmp.pdb");

    public static IReadOnlyList<IsfCorpusEntry> Entries => Loaded.Value.Entries;

    public static TimeSpan LoadTime => Loaded.Value.Elapsed;

    public static LayoutsCsv Csv => LayoutsCsv.Read(Path.Combine(SymbolsRoot, LayoutsCsv.FileName));

    public static IsfCorpusEntry Get(string pdbId) => Entries.Single(e => e.Metadata.Pdb?.Id == pdbId);

    private static (IReadOnlyList<IsfCorpusEntry>, TimeSpan) Load()
    {
        var clock = Stopwatch.StartNew();
        var columns = Csv.ValueColumns;
        var entries = new ConcurrentBag<IsfCorpusEntry>();
        Parallel.ForEach(Directory.GetFiles(IsfFolder, "*.json.xz"), file =>
        {
            var bytes = File.ReadAllBytes(file);
            var isf = IsfFile.Parse(bytes, file);
            entries.Add(new IsfCorpusEntry(Path.GetFileName(file), bytes.Length, isf.Metadata, isf.UserTypes.Count, isf.Enums.Count,
                isf.Symbols.Count, columns.ToDictionary(c => c, c => LayoutsCsv.Lookup(isf, c), StringComparer.Ordinal),
                KernelPackGenerator.ReadKernel(isf, file)));
        });
        return (entries.OrderBy(e => e.File, StringComparer.Ordinal).ToList(), clock.Elapsed);
    }
}

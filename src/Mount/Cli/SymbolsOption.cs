using System.CommandLine;
using MemFs.Translate.Windows.Symbols.Server;

namespace MemFs.Mount.Cli;

/// <summary><c>--symbols</c>, as every command that reads Windows objects takes it, and where its downloads report.</summary>
internal static class SymbolsOption
{
    public static Option<string[]> Create() => new("--symbols")
    {
        Description = "symbols: a local srv* store or folder of .pdb files, or Volatility 3 ISF files (folder, zip or file); " +
            "or srv*CACHE*URL (also srv*URL, cache*DIR) to download the kernel PDB from a symbol server into CACHE — " +
            "the only way memfs goes online, and only when given; repeatable",
    };

    /// <summary>Downloads show progress and failures on stderr; stdout stays the command's data.</summary>
    public static ISymbolDownloadObserver Downloads { get; } = new StderrDownloadObserver();
}

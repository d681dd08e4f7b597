namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>The bounds of one symbol download: its size, and how long connecting and each read may take.</summary>
internal sealed record SymbolDownloadLimits(long MaxBytes, TimeSpan ConnectTimeout, TimeSpan IdleTimeout)
{
    /// <summary>Kernel PDBs are 10-30 MB; a gibibyte leaves room for any module's PDB while refusing an endless response.</summary>
    public static readonly SymbolDownloadLimits Default = new(1L << 30, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60));
}

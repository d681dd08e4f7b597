namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>Where a symbol download shows its progress and its failures (the command line: stderr).</summary>
public interface ISymbolDownloadObserver
{
    /// <summary>Runs <paramref name="work"/>, a download of <paramref name="total"/> bytes (0 when the server does not say), showing its progress.</summary>
    void Transfer(string what, long total, Action<IProgress<long>> work);

    /// <summary>A download failed and the session goes on with the other symbol sources.</summary>
    void Warning(string message);
}

namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>Shows nothing: for library use, where the resolution log alone records what happened.</summary>
internal sealed class SilentDownloadObserver : ISymbolDownloadObserver
{
    public static readonly SilentDownloadObserver Instance = new();

    public void Transfer(string what, long total, Action<IProgress<long>> work) => work(new Progress<long>());

    public void Warning(string message)
    {
    }
}

using MemFs.Translate.Windows.Symbols.Server;

namespace MemFs.Tests.Translate.Windows.Symbols.Server;

/// <summary>Test-only: keeps the transfers (with their last progress) and warnings a download source reports.</summary>
internal sealed class RecordingObserver : ISymbolDownloadObserver
{
    public List<(string What, long Total, long Done)> Transfers { get; } = [];
    public List<string> Warnings { get; } = [];

    public void Transfer(string what, long total, Action<IProgress<long>> work)
    {
        long done = 0;
        work(new Reporter(bytes => done = bytes));
        Transfers.Add((what, total, done));
    }

    public void Warning(string message) => Warnings.Add(message);

    private sealed class Reporter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}

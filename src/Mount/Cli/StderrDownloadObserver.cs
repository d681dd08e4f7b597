using MemFs.Translate.Windows.Symbols.Server;

namespace MemFs.Mount.Cli;

/// <summary>A symbol download's progress (bytes of total) and its failure, on stderr.</summary>
internal sealed class StderrDownloadObserver : ISymbolDownloadObserver
{
    public void Transfer(string what, long total, Action<IProgress<long>> work)
    {
        if (total > 0)
        {
            ProgressReporter.Run(what, total, progress =>
            {
                work(progress);
                return 0;
            });
            return;
        }
        long done = 0;
        work(new ImmediateProgress<long>(bytes => done = bytes));
        Console.Error.WriteLine($"{what}: {done:N0} bytes");
    }

    public void Warning(string message) => Console.Error.WriteLine($"warning: {message}");
}

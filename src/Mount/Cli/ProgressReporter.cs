using System.Diagnostics;
using Spectre.Console;

namespace MemFs.Mount.Cli;

/// <summary>
/// Progress of long work on stderr: a Spectre.Console bar on a terminal, otherwise a plain line every
/// few seconds (logs and pipes stay readable). Stdout is left to the command's data.
/// </summary>
internal static class ProgressReporter
{
    /// <param name="onlyWhenSlow">without a terminal, say nothing for work done within the first report interval
    /// (a command that is usually quick keeps its stderr clean).</param>
    public static T Run<T>(string task, long total, Func<IProgress<long>, T> work, bool onlyWhenSlow = false)
    {
        if (!Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return console.Progress().AutoClear(true).Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var bar = ctx.AddTask(task, maxValue: Math.Max(total, 1));
                    return work(new ImmediateProgress<long>(done => bar.Value = done));
                });
        }
        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(5);
        var lastReport = TimeSpan.Zero;
        var reported = false;
        var result = work(new ImmediateProgress<long>(done =>
        {
            if (clock.Elapsed - lastReport < interval && done < total) return;
            if (onlyWhenSlow && !reported && clock.Elapsed < interval) return;
            lastReport = clock.Elapsed;
            reported = true;
            Console.Error.WriteLine($"{task}: {done:N0} of {total:N0} bytes ({100.0 * done / Math.Max(total, 1):F0}%)");
        }));
        return result;
    }

}

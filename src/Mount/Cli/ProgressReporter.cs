using System.Diagnostics;
using Spectre.Console;

namespace MemFs.Mount.Cli;

/// <summary>
/// Progress of long work on stderr: a Spectre.Console bar on a terminal, otherwise a plain line every
/// few seconds (logs and pipes stay readable). Stdout is left to the command's data.
/// </summary>
internal static class ProgressReporter
{
    public static T Run<T>(string task, long total, Func<IProgress<long>, T> work)
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
        var lastReport = TimeSpan.Zero;
        var result = work(new ImmediateProgress<long>(done =>
        {
            if (clock.Elapsed - lastReport < TimeSpan.FromSeconds(5) && done < total) return;
            lastReport = clock.Elapsed;
            Console.Error.WriteLine($"{task}: {done:N0} of {total:N0} bytes ({100.0 * done / Math.Max(total, 1):F0}%)");
        }));
        return result;
    }

}

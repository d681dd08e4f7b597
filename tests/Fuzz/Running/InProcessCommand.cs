using System.Diagnostics;
using MemFs.Mount.Cli;

namespace MemFs.Fuzz.Running;

/// <summary>
/// Runs memfs command lines in-process (the same <c>Program.Main</c> the executable runs, or an injected stand-in),
/// each on its own thread with its console captured. A command is abandoned on its thread when its thread's CPU time
/// passes <see cref="WorkBudget"/> (it is spinning: bounded work is what a case must show, and CPU time does not grow
/// with the machine's load as wall time does) or when the wall time passes <see cref="WallCeiling"/> (it is blocked).
/// The process's working set is sampled while it runs.
/// </summary>
internal sealed class InProcessCommand(TimeSpan workBudget, TimeSpan wallCeiling, Func<string[], int>? main = null)
{
    private static readonly AsyncLocal<CaseConsole?> Current = new();
    private static readonly object InstallLock = new();
    private static TextWriter? _installedError;
    private readonly Func<string[], int> _main = main ?? Mount.Program.Main;

    /// <summary>A CPU budget of <paramref name="workBudget"/>, with a wall ceiling far enough above it that only a blocked command reaches it.</summary>
    public InProcessCommand(TimeSpan workBudget) : this(workBudget, DefaultCeiling(workBudget)) { }

    public TimeSpan WorkBudget => workBudget;
    public TimeSpan WallCeiling => wallCeiling;

    /// <summary>Ten times the budget plus 10 s: a case that needs 2 s of CPU may take that long on a 2-core machine at load 50.</summary>
    public static TimeSpan DefaultCeiling(TimeSpan workBudget) => workBudget * 10 + TimeSpan.FromSeconds(10);

    public CommandRun Run(string[] arguments)
    {
        Install();
        var console = new CaseConsole();
        int? exit = null;
        Exception? escaped = null;
        ThreadCpuClock? cpu = null;
        TimeSpan? total = null;
        using var started = new ManualResetEventSlim();
        var thread = new Thread(() =>
        {
            Current.Value = console;
            cpu = ThreadCpuClock.OfCurrentThread();
            started.Set();
            try { exit = _main(arguments); }
            catch (Exception e) { escaped = e; }
            finally { total = cpu.Read(); }
        }, 16 << 20) { IsBackground = true, Name = "memfs command" };

        var peak = Environment.WorkingSet;
        var clock = Stopwatch.StartNew();
        thread.Start();
        started.Wait();
        TimeSpan? work = null;
        while (!thread.Join(20))
        {
            peak = Math.Max(peak, Environment.WorkingSet);
            work = cpu!.Read();
            if ((work ?? clock.Elapsed) > workBudget || clock.Elapsed > wallCeiling) break;
        }
        var elapsed = clock.Elapsed;
        var finished = !thread.IsAlive;
        if (finished) work = total ?? work;
        peak = Math.Max(peak, Environment.WorkingSet);
        return new CommandRun(finished ? exit : null, console.Out, console.Error, elapsed, work, peak, finished ? escaped : null);
    }

    /// <summary>Routes the console through the commands' captures; again if a test host replaced Console.Error since.</summary>
    private static void Install()
    {
        lock (InstallLock)
        {
            if (ReferenceEquals(Console.Error, _installedError)) return;
            if (_installedError is null)
            {
                var original = StdoutCopy.OpenOutput;
                StdoutCopy.OpenOutput = () => Current.Value is { } console ? new RawOutput(console) : original();
            }
            Console.SetOut(new RoutedWriter(Console.Out, false, Current));
            Console.SetError(new RoutedWriter(Console.Error, true, Current));
            _installedError = Console.Error;
        }
    }
}

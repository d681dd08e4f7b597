using System.Diagnostics;
using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;
using MemFs.Mount.Cli;

namespace MemFs.Fuzz.Running;

/// <summary>
/// Runs recipes through memfs in-process (the same <c>Program.Main</c> the executable runs), one at a time, each with
/// its console captured, a time budget (past it the case is abandoned on its thread and counted as a hang) and a
/// memory budget (the process's working set, sampled while the case runs).
/// </summary>
internal sealed class CaseRunner : IDisposable
{
    private static readonly AsyncLocal<CaseConsole?> Current = new();
    private static readonly object InstallLock = new();
    private static TextWriter? _installedError;
    private readonly SeedEvidence _seeds;
    private readonly string _directory;

    public CaseRunner(SeedEvidence seeds, TimeSpan timeBudget, long memoryBudget)
    {
        _seeds = seeds;
        TimeBudget = timeBudget;
        MemoryBudget = memoryBudget;
        _directory = Directory.CreateTempSubdirectory("memfs-fuzz-").FullName;
    }

    public TimeSpan TimeBudget { get; }
    public long MemoryBudget { get; }

    public CaseOutcome Run(Recipe recipe)
    {
        var image = Path.Combine(_directory, $"case-{recipe.Seed}-{recipe.Index}{SeedEvidence.Extension(recipe.Base)}");
        File.WriteAllBytes(image, Materialize(recipe));
        var companion = _seeds.Companion(recipe.Base) is { } c ? Path.ChangeExtension(image, c.Extension) : null;
        if (companion is not null) File.WriteAllBytes(companion, _seeds.Companion(recipe.Base)!.Value.Bytes);
        Install();
        var console = new CaseConsole();
        int? exit = null;
        Exception? escaped = null;
        var thread = new Thread(() =>
        {
            Current.Value = console;
            try { exit = Mount.Program.Main(recipe.Arguments(image)); }
            catch (Exception e) { escaped = e; }
        }, 16 << 20) { IsBackground = true, Name = $"fuzz case {recipe.Index}" };

        var peak = Environment.WorkingSet;
        var clock = Stopwatch.StartNew();
        thread.Start();
        while (!thread.Join(20))
        {
            peak = Math.Max(peak, Environment.WorkingSet);
            if (clock.Elapsed > TimeBudget) break;
        }
        var elapsed = clock.Elapsed;
        peak = Math.Max(peak, Environment.WorkingSet);
        var finished = !thread.IsAlive;
        if (finished)
        {
            File.Delete(image);
            if (companion is not null) File.Delete(companion);
        }

        var stderr = console.Error + (escaped is null ? "" : $"\nescaped: {escaped}");
        var verdict = !finished ? Verdict.Hang
            : escaped is not null ? Verdict.Crash
            : peak > MemoryBudget ? Verdict.OverMemory
            : CaseClassifier.Classify(exit!.Value, stderr, image, recipe.Command.Contains("--verify"));
        return new CaseOutcome(recipe, verdict, finished ? exit : null, elapsed, peak, stderr);
    }

    /// <summary>The recipe's file: the seed (with its Turtle additions), then its patches and truncation in order.</summary>
    public byte[] Materialize(Recipe recipe)
    {
        var turtle = recipe.Operations.OfType<Operation.Turtle>().Select(t => t.Statement).ToList();
        var file = _seeds.Copy(recipe.Base, turtle);
        foreach (var operation in recipe.Operations)
        {
            if (operation is Operation.Patch patch) patch.Apply(file);
            else if (operation is Operation.Truncate truncate && truncate.Length < file.Length) file = file[..(int)Math.Max(0, truncate.Length)];
        }
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, true); }
        catch (IOException) { }
    }

    /// <summary>Routes the console through the cases' captures; again if a test host replaced Console.Error since.</summary>
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

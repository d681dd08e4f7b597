using System.Globalization;
using MemFs.Fuzz.Mutators;
using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Running;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz;

/// <summary>
/// <c>dotnet run -c Release --project tests/Fuzz -- [--seed N] [--cases N] [--minutes M] [--budget-ms N] [--memory-mib N] [--corpus DIR]</c>:
/// runs cases until the count or the time is reached and prints the summary; exit 1 if any case failed.
/// <c>--case N</c> (of <c>--seed</c>) or <c>--replay RECIPE</c> runs that one case instead, <c>--repeat K</c> times (to profile
/// it), printing each outcome with its stderr; with <c>--write FILE</c> it writes that case's evidence file (and a
/// companion such as the .vmem beside FILE) instead, to run memfs or a profiler on it by hand.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        int seed = 1, cases = int.MaxValue, budgetMs = 2000, memoryMib = 1024, repeat = 1;
        int? single = null;
        double minutes = 0;
        string? corpus = null, replay = null, write = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--cases": cases = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--minutes": minutes = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--budget-ms": budgetMs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--memory-mib": memoryMib = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--corpus": corpus = value; break;
                case "--case": single = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--replay": replay = value; break;
                case "--repeat": repeat = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--write": write = value; break;
                default:
                    Console.Error.WriteLine($"fuzz: unknown option {args[i]}");
                    return 2;
            }
        }
        var output = Console.Out;
        var budget = TimeSpan.FromMilliseconds(budgetMs);
        if (replay is not null || single is not null)
        {
            var recipe = replay is not null
                ? RecipeText.Read(File.ReadAllText(replay), replay)
                : new CaseGenerator(SeedEvidence.Instance).Case(seed, single!.Value);
            if (write is null) return Replay(recipe, repeat, budget, (long)memoryMib << 20, output);
            Write(recipe, write, output);
            return 0;
        }
        if (cases == int.MaxValue && minutes == 0) cases = 1000;
        var time = minutes > 0 ? TimeSpan.FromMinutes(minutes) : TimeSpan.MaxValue;
        var campaign = new FuzzCampaign(seed, cases, time, budget, (long)memoryMib << 20, corpus)
        {
            Progress = o =>
            {
                if (o.Recipe.Index % 500 == 0 || o.Failed) output.WriteLine($"[{o.Recipe.Index}] {o.Verdict} {o.Elapsed.TotalMilliseconds:F0} ms ({o.Work.TotalMilliseconds:F0} ms CPU) {o.Recipe.CommandText}");
            },
        };
        var summary = campaign.Run();
        output.WriteLine($"seed {seed}, time budget {budgetMs} ms of CPU (wall ceiling {InProcessCommand.DefaultCeiling(budget).TotalSeconds:F0} s), memory budget {memoryMib} MiB, {Environment.ProcessorCount} cores");
        output.Write(summary.Render());
        return summary.Failures.Count == 0 ? 0 : 1;
    }

    private static void Write(Recipe recipe, string path, TextWriter output)
    {
        using var runner = new CaseRunner(SeedEvidence.Instance, TimeSpan.Zero, 0);
        runner.Write(recipe, path);
        var command = recipe.CommandText.Replace(Recipe.ImageToken, path, StringComparison.Ordinal).Replace(Recipe.FilesToken, CaseRunner.FilesOf(path), StringComparison.Ordinal);
        output.WriteLine($"{recipe.Describe()}\nwritten to {path}; run: {command}");
    }

    /// <summary>Runs one recipe <paramref name="repeat"/> times; exit 1 if any run failed.</summary>
    private static int Replay(Recipe recipe, int repeat, TimeSpan budget, long memoryBudget, TextWriter output)
    {
        output.WriteLine(recipe.Describe());
        using var runner = new CaseRunner(SeedEvidence.Instance, budget, memoryBudget);
        var failed = false;
        for (var i = 0; i < repeat; i++)
        {
            var outcome = runner.Run(recipe);
            failed |= outcome.Failed;
            output.WriteLine($"{outcome.Verdict}, exit {outcome.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}, {outcome.Elapsed.TotalMilliseconds:F0} ms ({outcome.Work.TotalMilliseconds:F0} ms CPU), peak {outcome.PeakMemory >> 20} MiB");
            if (i == 0) output.Write(outcome.Stderr);
        }
        return failed ? 1 : 0;
    }
}

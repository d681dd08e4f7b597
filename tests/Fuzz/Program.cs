using System.Globalization;
using MemFs.Fuzz.Running;

namespace MemFs.Fuzz;

/// <summary>
/// <c>dotnet run -c Release --project tests/Fuzz -- [--seed N] [--cases N] [--minutes M] [--budget-ms N] [--memory-mib N] [--corpus DIR]</c>:
/// runs cases until the count or the time is reached and prints the summary; exit 1 if any case failed.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        int seed = 1, cases = int.MaxValue, budgetMs = 2000, memoryMib = 1024;
        double minutes = 0;
        string? corpus = null;
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
                default:
                    Console.Error.WriteLine($"fuzz: unknown option {args[i]}");
                    return 2;
            }
        }
        if (cases == int.MaxValue && minutes == 0) cases = 1000;
        var time = minutes > 0 ? TimeSpan.FromMinutes(minutes) : TimeSpan.MaxValue;
        var output = Console.Out;
        var campaign = new FuzzCampaign(seed, cases, time, TimeSpan.FromMilliseconds(budgetMs), (long)memoryMib << 20, corpus)
        {
            Progress = o =>
            {
                if (o.Recipe.Index % 500 == 0 || o.Failed) output.WriteLine($"[{o.Recipe.Index}] {o.Verdict} {o.Elapsed.TotalMilliseconds:F0} ms {o.Recipe.CommandText}");
            },
        };
        var summary = campaign.Run();
        output.WriteLine($"seed {seed}, time budget {budgetMs} ms, memory budget {memoryMib} MiB, {Environment.ProcessorCount} cores");
        output.Write(summary.Render());
        return summary.Failures.Count == 0 ? 0 : 1;
    }
}

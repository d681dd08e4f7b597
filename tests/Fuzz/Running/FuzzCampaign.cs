using System.Diagnostics;
using MemFs.Fuzz.Mutators;
using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Running;

/// <summary>
/// Runs cases 0, 1, 2… of one seed until the case count or the time is reached; each failing case is written to the
/// corpus directory (when given) as a recipe, for the regression test to replay.
/// </summary>
internal sealed class FuzzCampaign(int seed, int maxCases, TimeSpan maxTime, TimeSpan timeBudget, long memoryBudget, string? corpus)
{
    public Action<CaseOutcome>? Progress { get; init; }

    public FuzzSummary Run()
    {
        var seeds = SeedEvidence.Instance;
        var generator = new CaseGenerator(seeds);
        var summary = new FuzzSummary();
        using var runner = new CaseRunner(seeds, timeBudget, memoryBudget);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < maxCases && clock.Elapsed < maxTime; i++)
        {
            var outcome = runner.Run(generator.Case(seed, i));
            summary.Add(outcome);
            Progress?.Invoke(outcome);
            if (outcome.Failed && corpus is not null)
            {
                Directory.CreateDirectory(corpus);
                var name = $"{outcome.Verdict.ToString().ToLowerInvariant()}-{outcome.Recipe.Base.ToString().ToLowerInvariant()}-{seed}-{i}.recipe";
                File.WriteAllText(Path.Combine(corpus, name), RecipeText.Write(outcome.Recipe, $"{outcome.Verdict}: {outcome.FirstError}"));
            }
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }
}

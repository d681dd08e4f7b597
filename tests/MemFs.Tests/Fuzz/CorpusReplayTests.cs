using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Running;
using MemFs.Fuzz.Seeds;
using NUnit.Framework;

namespace MemFs.Tests.Fuzz;

/// <summary>
/// Every case the fuzz harness ever failed on (tests/Fuzz/Corpus, small recipes) now ends cleanly: exit 0, or exit 1
/// with one <c>memfs:</c> error line naming the evidence file, doing under 2 s of work: the CPU time of the case's
/// thread on its second run (the first compiles memfs's code for that command and must end cleanly too). CPU time,
/// not wall time, so a loaded machine does not fail it; a spinning case is abandoned at the budget and a blocked one
/// at the wall ceiling (<see cref="WorkBudgetTests"/>).
/// </summary>
public class CorpusReplayTests
{
    internal static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    public static IEnumerable<TestCaseData> Recipes() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.recipe").Order()
            .Select(path => new TestCaseData(path).SetName(Path.GetFileNameWithoutExtension(path)));

    [TestCaseSource(nameof(Recipes))]
    public void EndsCleanly(string path)
    {
        var recipe = RecipeText.Read(File.ReadAllText(path), path);
        Assert.That(Problem(Run(recipe, WarmUp), WarmUp), Is.Null);
        AssertClean(Run(recipe, Limit));
    }

    [TestCase("4503599627370496")]
    [TestCase("9223372036854775807")]
    public void AStreamClaimingMoreThanItsBeviesHoldIsRefusedBeforeHashing(string size)
    {
        const string stream = Tests.Demo.DemoImageBuilder.VolumeUrn + "/PhysicalMemory/data";
        var recipe = new Recipe(0, 0, SeedKind.Aff4, [new Operation.Turtle($"<{stream}> aff4:size {size} .")], ["aff4", "hash", Recipe.ImageToken, "--verify"]);
        Assert.That(Problem(Run(recipe, WarmUp), WarmUp), Is.Null);
        var outcome = Run(recipe, Limit);
        AssertClean(outcome);
        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.FirstError, Does.Contain("the stated size is more than the volume stores (a corrupt volume)"));
    }

    private static CaseOutcome Run(Recipe recipe, TimeSpan budget)
    {
        using var runner = new CaseRunner(SeedEvidence.Instance, budget, 1L << 30);
        return runner.Run(recipe);
    }

    private static void AssertClean(CaseOutcome outcome) => Assert.That(Problem(outcome, Limit), Is.Null);

    /// <summary>Why <paramref name="outcome"/> did not end cleanly within <paramref name="limit"/> of work; null if it did.</summary>
    internal static string? Problem(CaseOutcome outcome, TimeSpan limit)
    {
        var what = $"{outcome.Recipe.Describe()}\nexit {outcome.ExitCode}, {outcome.Work.TotalMilliseconds:F0} ms CPU, {outcome.Elapsed.TotalMilliseconds:F0} ms wall: {outcome.Stderr}";
        if (outcome.Verdict is not (Verdict.Ok or Verdict.CleanError)) return $"{outcome.Verdict}: {what}";
        if (outcome.Work >= limit) return $"over {limit.TotalMilliseconds:F0} ms of work: {what}";
        if (outcome.ExitCode == 1 && outcome.Stderr.Split('\n').Count(l => l.StartsWith("memfs: error", StringComparison.Ordinal)) != 1) return $"not one error line: {what}";
        return null;
    }
}

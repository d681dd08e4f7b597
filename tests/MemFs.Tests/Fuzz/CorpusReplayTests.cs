using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Running;
using MemFs.Fuzz.Seeds;
using NUnit.Framework;

namespace MemFs.Tests.Fuzz;

/// <summary>
/// Every case the fuzz harness ever failed on (tests/Fuzz/Corpus, small recipes) now ends cleanly: exit 0, or exit 1
/// with one <c>memfs:</c> error line naming the evidence file, in under 2 s.
/// </summary>
public class CorpusReplayTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    public static IEnumerable<TestCaseData> Recipes() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.recipe").Order()
            .Select(path => new TestCaseData(path).SetName(Path.GetFileNameWithoutExtension(path)));

    [TestCaseSource(nameof(Recipes))]
    public void EndsCleanly(string path)
    {
        var recipe = RecipeText.Read(File.ReadAllText(path), path);
        AssertClean(Run(recipe));
    }

    [TestCase("4503599627370496")]
    [TestCase("9223372036854775807")]
    public void AStreamClaimingMoreThanItsBeviesHoldIsRefusedBeforeHashing(string size)
    {
        const string stream = Tests.Demo.DemoImageBuilder.VolumeUrn + "/PhysicalMemory/data";
        var recipe = new Recipe(0, 0, SeedKind.Aff4, [new Operation.Turtle($"<{stream}> aff4:size {size} .")], ["aff4", "hash", Recipe.ImageToken, "--verify"]);
        var outcome = Run(recipe);
        AssertClean(outcome);
        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(outcome.FirstError, Does.Contain("the stated size is more than the volume stores (a corrupt volume)"));
    }

    private static CaseOutcome Run(Recipe recipe)
    {
        using var runner = new CaseRunner(SeedEvidence.Instance, TimeSpan.FromSeconds(10), 1L << 30);
        return runner.Run(recipe);
    }

    private static void AssertClean(CaseOutcome outcome)
    {
        var what = $"{outcome.Recipe.Describe()}\nexit {outcome.ExitCode}: {outcome.Stderr}";
        Assert.That(outcome.Verdict, Is.AnyOf(Verdict.Ok, Verdict.CleanError), what);
        Assert.That(outcome.Elapsed, Is.LessThan(Limit), what);
        if (outcome.ExitCode == 1)
            Assert.That(outcome.Stderr.Split('\n').Count(l => l.StartsWith("memfs: error", StringComparison.Ordinal)), Is.EqualTo(1), what);
    }
}

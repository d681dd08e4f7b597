using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Running;
using MemFs.Fuzz.Seeds;
using NUnit.Framework;

namespace MemFs.Tests.Fuzz;

/// <summary>
/// The work budget of CorpusReplayTests and MutatedAff4CommandTests (the CPU time of the command's thread) with
/// injected stand-ins for memfs: a command that spins is abandoned once it has used the budget, a command that blocks
/// is abandoned at the wall ceiling, a command that did more work than the limit fails the replay's check; a command
/// that only waits (as a loaded machine makes every command wait) passes it.
/// </summary>
public class WorkBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(300);
    private static readonly Recipe Info = new(0, 0, SeedKind.Raw, [], ["info", Recipe.ImageToken]);

    private static CaseOutcome Run(Func<string[], int> main, TimeSpan budget, TimeSpan ceiling)
    {
        using var runner = new CaseRunner(SeedEvidence.Instance, budget, 1L << 30, main, ceiling);
        return runner.Run(Info);
    }

    /// <summary>Spins until its own thread has used <paramref name="cpu"/>.</summary>
    private static int Spin(TimeSpan cpu)
    {
        var clock = ThreadCpuClock.OfCurrentThread();
        var x = 0UL;
        while ((clock.Read() ?? TimeSpan.MaxValue) < cpu)
            for (var i = 0; i < 100_000; i++) x = x * 6364136223846793005 + 1442695040888963407;
        return x == 42 ? 1 : 0;
    }

    [Test]
    public void ASpinningCommandIsAbandonedOnceItHasUsedTheBudget()
    {
        var outcome = Run(_ => Spin(TimeSpan.FromMinutes(10)), Budget, TimeSpan.FromMinutes(5));
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Hang));
        Assert.That(outcome.Cpu, Is.GreaterThanOrEqualTo(Budget).And.LessThan(TimeSpan.FromMinutes(5)));
        Assert.That(CorpusReplayTests.Problem(outcome, CorpusReplayTests.Limit), Does.StartWith("Hang"));
    }

    [Test]
    public void ABlockedCommandIsAbandonedAtTheWallCeiling()
    {
        using var never = new ManualResetEventSlim();
        var outcome = Run(_ => { never.Wait(); return 0; }, Budget, TimeSpan.FromSeconds(1));
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Hang));
        Assert.That(outcome.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(outcome.Cpu, Is.LessThan(Budget));
        never.Set();
    }

    [Test]
    public void ACommandThatDidMoreWorkThanTheLimitFailsTheReplayCheck()
    {
        var outcome = Run(_ => Spin(Budget), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
        Assert.That(outcome.Verdict, Is.EqualTo(Verdict.Ok));
        Assert.That(outcome.Cpu, Is.GreaterThanOrEqualTo(Budget));
        Assert.That(CorpusReplayTests.Problem(outcome, Budget), Does.StartWith($"over {Budget.TotalMilliseconds:F0} ms of work"));
    }

    [Test]
    public void ACommandThatOnlyWaitsPassesTheReplayCheck()
    {
        var outcome = Run(_ => { Thread.Sleep(Budget * 2); return 0; }, Budget, TimeSpan.FromMinutes(1));
        Assert.That(outcome.Elapsed, Is.GreaterThanOrEqualTo(Budget * 2));
        Assert.That(outcome.Cpu, Is.Not.Null.And.LessThan(Budget));
        Assert.That(CorpusReplayTests.Problem(outcome, Budget), Is.Null);
    }
}

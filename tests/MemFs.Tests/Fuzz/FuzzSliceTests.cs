using MemFs.Fuzz.Running;
using NUnit.Framework;

namespace MemFs.Tests.Fuzz;

/// <summary>
/// The CI slice of the fuzz harness: the first cases of seed 1 (every format, every mutator, every command) end
/// without a crash, a hang or passing the memory budget. The budget per case is 5 s here (2 s in the long run) because
/// the test host shares the machine with the rest of the suite.
/// </summary>
public class FuzzSliceTests
{
    [Test]
    public void TheFirstCasesOfSeedOneNeitherCrashNorHang()
    {
        var summary = new FuzzCampaign(1, 200, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5), 1L << 30, null).Run();
        TestContext.Out.Write(summary.Render());
        Assert.That(summary.Cases, Is.GreaterThan(0));
        Assert.That(summary[Verdict.Crash] + summary[Verdict.Hang] + summary[Verdict.OverMemory], Is.Zero, summary.Render());
    }
}

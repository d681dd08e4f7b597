using MemFs.Translate.Physical.Scatter;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.Scatter;

public class RunMergerTests
{
    private const int Gap = 16 << 10;
    private const int MaxRun = 1 << 20;

    private static (List<ScatterRun> Runs, int[] Order) Merge(params ScatterRequest[] requests)
    {
        var order = Enumerable.Range(0, requests.Length).ToArray();
        var runs = new List<ScatterRun>();
        RunMerger.Merge(requests, order, runs, Gap, MaxRun);
        return (runs, order);
    }

    [Test]
    public void AdjacentPagesAreOneRun()
    {
        var (runs, order) = Merge(new(0x1000, 4096, 0), new(0x2000, 4096, 4096), new(0x3000, 4096, 8192));
        Assert.That(runs, Is.EqualTo(new[] { new ScatterRun(0x1000, 0x3000, 0, 3) }));
        Assert.That(order, Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public void ASmallGapIsReadAndALargeOneSplits()
    {
        var (runs, _) = Merge(new(0, 4096, 0), new(4096 + Gap, 4096, 4096), new(2 * 4096 + 2 * Gap + 1, 4096, 8192));
        Assert.That(runs, Is.EqualTo(new[] { new ScatterRun(0, 2 * 4096 + Gap, 0, 2), new ScatterRun(2 * 4096 + 2 * Gap + 1, 4096, 2, 1) }));
    }

    [Test]
    public void DuplicatesAndOverlapsShareOneRun()
    {
        var (runs, order) = Merge(new(0x5000, 4096, 0), new(0x5000, 4096, 4096), new(0x5800, 4096, 8192));
        Assert.That(runs, Is.EqualTo(new[] { new ScatterRun(0x5000, 0x1800, 0, 3) }));
        Assert.That(order.Order(), Is.EqualTo(new[] { 0, 1, 2 }), "every request is in the run once");
    }

    [Test]
    public void OutOfOrderRequestsAreSortedByOffset()
    {
        var (runs, order) = Merge(new(0x40_0000, 4096, 0), new(0x1000, 4096, 4096), new(0x2000, 4096, 8192), new(0x20_0000, 4096, 12288));
        Assert.That(order, Is.EqualTo(new[] { 1, 2, 3, 0 }));
        Assert.That(runs, Is.EqualTo(new[] { new ScatterRun(0x1000, 0x2000, 0, 2), new ScatterRun(0x20_0000, 4096, 2, 1), new ScatterRun(0x40_0000, 4096, 3, 1) }));
    }

    [Test]
    public void RunsStopAtTheirLengthBound()
    {
        var requests = Enumerable.Range(0, 2 * MaxRun / 4096 + 1).Select(i => new ScatterRequest(i * 4096L, 4096, i * 4096)).ToArray();
        var (runs, _) = Merge(requests);
        Assert.That(runs.Select(r => (r.Offset, r.Length, r.Count)), Is.EqualTo(new[] { (0L, MaxRun, 256), ((long)MaxRun, MaxRun, 256), (2L * MaxRun, 4096, 1) }));
    }

    [Test]
    public void ARequestLongerThanTheBoundIsARunOfItsOwn()
    {
        var (runs, _) = Merge(new(0, 4096, 0), new(4096, 2 * MaxRun, 4096), new(4096 + 2 * MaxRun, 4096, 0));
        Assert.That(runs, Is.EqualTo(new[] { new ScatterRun(0, 4096, 0, 1), new ScatterRun(4096, 2 * MaxRun, 1, 1), new ScatterRun(4096 + 2 * MaxRun, 4096, 2, 1) }));
    }
}

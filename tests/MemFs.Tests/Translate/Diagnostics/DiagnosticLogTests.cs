using MemFs.Translate.Diagnostics;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Diagnostics;

public class DiagnosticLogTests
{
    [Test]
    public void IdenticalEntriesAreLoggedOnceInArrivalOrder()
    {
        var log = new DiagnosticLog();
        Assert.That(log.Add("process list", "", "loop at 0x10"), Is.True);
        Assert.That(log.Add("VADs", "4 System", "bad node"), Is.True);
        Assert.That(log.Add("process list", "", "loop at 0x10"), Is.False);
        Assert.That(log.Lines(), Is.EqualTo(new[] { "process list: loop at 0x10", "VADs (4 System): bad node" }));
    }

    [Test]
    public void ConcurrentAppendsKeepEveryDistinctEntryOnce()
    {
        var log = new DiagnosticLog();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            for (var i = 0; i < 500; i++) log.Add("test", $"{i % 250}", "same for every thread");
        });
        var snapshot = log.Snapshot();
        Assert.That(snapshot, Has.Count.EqualTo(250));
        Assert.That(snapshot.Select(d => d.Location), Is.Unique);
    }

    [Test]
    public void ASnapshotTakenWhileAppendingDoesNotChangeAfterwards()
    {
        var log = new DiagnosticLog();
        using var done = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 20_000 && !done.IsCancellationRequested; i++) log.Add("writer", "", $"entry {i}");
        });
        while (log.Snapshot().Count < 100) Thread.Yield();
        var snapshot = log.Snapshot();
        var copy = snapshot.ToList();
        writer.Wait();
        Assert.That(snapshot, Is.EqualTo(copy));
        Assert.That(copy.Select(d => d.Message), Is.EqualTo(Enumerable.Range(0, copy.Count).Select(i => $"entry {i}")), "a prefix of the arrival order");
        Assert.That(log.Snapshot(), Has.Count.EqualTo(DiagnosticLog.MaxEntries));
        Assert.That(log.Dropped, Is.EqualTo(20_000 - DiagnosticLog.MaxEntries), "entries past the bound are counted, not kept");
    }
}

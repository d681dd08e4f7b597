using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Scatter;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Physical.Scatter;

public class ScatteredReadTests
{
    private static readonly byte[] Bytes = Enumerable.Range(0, 8 << 20).Select(i => (byte)(i * 7 + (i >> 12) * 13)).ToArray();

    private static Exception?[] Read(RecordingSource source, ScatterRequest[] requests, byte[] destination)
    {
        var failures = new Exception?[requests.Length];
        ScatteredRead.Read(source, requests, destination, failures, i => $"part {i}");
        return failures;
    }

    private static void AssertRead(byte[] destination, ScatterRequest r) =>
        Assert.That(destination.AsSpan(r.Destination, r.Length).SequenceEqual(Bytes.AsSpan((int)r.Offset, r.Length)), Is.True, $"0x{r.Length:X} bytes at 0x{r.Offset:X}");

    [Test]
    public void AdjacentPagesInDestinationOrderAreOneReadStraightIntoTheDestination()
    {
        var source = new RecordingSource(Bytes);
        ScatterRequest[] requests = [new(0x3000, 4096, 4096), new(0x2000, 4096, 0), new(0x4000, 4096, 8192)];
        var destination = new byte[3 * 4096];
        Assert.That(Read(source, requests, destination), Is.All.Null);
        Assert.That(source.Reads, Is.EqualTo(new[] { (0x2000L, 3 * 4096) }));
        Assert.That(source.Hints, Is.Empty, "a single run's read asks for all of it: no hint that would replace the kernel's readahead");
        foreach (var r in requests) AssertRead(destination, r);
    }

    [Test]
    public void SeveralRunsAreAnnouncedBeforeTheyAreRead()
    {
        var source = new RecordingSource(Bytes);
        ScatterRequest[] requests = [new(0x40000, 4096, 4096), new(0x2000, 4096, 0)];
        var destination = new byte[2 * 4096];
        Assert.That(Read(source, requests, destination), Is.All.Null);
        Assert.That(source.Hints, Is.EqualTo(new[] { (0x2000L, 4096L), (0x40000L, 4096L) }));
        Assert.That(source.Reads, Is.EqualTo(new[] { (0x2000L, 4096), (0x40000L, 4096) }));
        foreach (var r in requests) AssertRead(destination, r);
    }

    [Test]
    public void PagesNearEachOtherAreReadWithTheGapAndCopiedToTheirPlaces()
    {
        var source = new RecordingSource(Bytes);
        ScatterRequest[] requests = [new(0x9000, 4096, 0), new(0x2000, 100, 5000), new(0x2000, 4096, 4096 * 3), new(0x5000, 4096, 4096 * 4)];
        var destination = new byte[5 * 4096];
        Assert.That(Read(source, requests, destination), Is.All.Null);
        Assert.That(source.Reads, Is.EqualTo(new[] { (0x2000L, 0x8000) }), "one read from the first page to the end of the last, gaps and the duplicate included");
        foreach (var r in requests) AssertRead(destination, r);
    }

    [Test]
    public void AFailureInTheMiddleOfARunFailsOnlyThatPage([Values] bool contiguous)
    {
        var source = new RecordingSource(Bytes);
        source.Bad.Add(0x10_8010);
        // Pages 16 KiB apart, written to the destination in reverse (read through a scratch run), or adjacent in order (read in place).
        var requests = Enumerable.Range(0, 5).Select(i => contiguous
            ? new ScatterRequest(0x10_6000 + i * 0x1000L, 4096, i * 4096)
            : new ScatterRequest(0x10_0000 + i * 0x4000L, 4096, (4 - i) * 4096)).ToArray();
        var destination = new byte[5 * 4096];
        var failures = Read(source, requests, destination);
        const int bad = 2;
        Assert.That(failures[bad], Is.InstanceOf<IOException>().With.Message.Contains("bad sector"));
        for (var i = 0; i < requests.Length; i++)
        {
            if (i == bad) continue;
            Assert.That(failures[i], Is.Null, $"part {i}");
            AssertRead(destination, requests[i]);
        }
        Assert.That(source.Reads[0], Is.EqualTo((requests.Min(r => r.Offset), (int)(requests.Max(r => r.End) - requests.Min(r => r.Offset)))), "tried as one run first");
        Assert.That(source.Reads.Count, Is.EqualTo(1 + requests.Length), "then page by page");
    }

    [Test]
    public void APartPastTheEndOfTheSourceFailsNamingItAndTheOthersAreRead()
    {
        var source = new RecordingSource(Bytes);
        ScatterRequest[] requests = [new(0x1000, 4096, 0), new(Bytes.Length - 100, 4096, 4096), new(0x3000, 4096, 8192)];
        var destination = new byte[3 * 4096];
        var failures = Read(source, requests, destination);
        Assert.That(failures[1], Is.InstanceOf<ImageFormatException>().With.Message.Contains("part 1").And.Message.Contains("past the end"));
        Assert.That(failures[0], Is.Null);
        Assert.That(failures[2], Is.Null);
        AssertRead(destination, requests[0]);
        AssertRead(destination, requests[2]);
        Assert.That(source.Reads.Any(r => r.Offset + r.Length > Bytes.Length), Is.False, "nothing is read past the end");
    }

    [Test]
    public void ASinglePartIsOneReadInPlaceWithoutHints()
    {
        var source = new RecordingSource(Bytes);
        var request = new ScatterRequest(0x12_3000, 0x2_0000, 0x800);
        var destination = new byte[0x2_1000];
        Assert.That(Read(source, [request], destination), Is.All.Null);
        Assert.That(source.Reads, Is.EqualTo(new[] { (0x12_3000L, 0x2_0000) }));
        Assert.That(source.Hints, Is.Empty);
        AssertRead(destination, request);
        Assert.That(destination.AsSpan(0, 0x800).ToArray(), Is.All.EqualTo(0), "bytes outside the part are not written");
    }

    [Test]
    public void ASinglePartThatFailsIsTriedAgainAloneAndItsErrorIsItsOwn([Values] bool pastTheEnd)
    {
        var source = new RecordingSource(Bytes);
        source.Bad.Add(0x10_8010);
        var request = pastTheEnd ? new ScatterRequest(Bytes.Length - 100, 4096, 0) : new ScatterRequest(0x10_8000, 4096, 0);
        var failures = Read(source, [request], new byte[4096]);
        if (pastTheEnd)
        {
            Assert.That(failures[0], Is.InstanceOf<ImageFormatException>().With.Message.Contains("part 0").And.Message.Contains("past the end"));
            Assert.That(source.Reads, Is.Empty, "nothing is read past the end");
        }
        else
        {
            Assert.That(failures[0], Is.InstanceOf<IOException>().With.Message.Contains("bad sector"));
            Assert.That(source.Reads, Is.EqualTo(new[] { (0x10_8000L, 4096), (0x10_8000L, 4096) }), "as a run, then as the part");
        }
    }

    [Test]
    public void PartsInMemoryAreReadAsTheyComeWithoutMergingOrHints()
    {
        var source = new RecordingSource(Bytes) { MustFetchAnswer = false };
        source.Bad.Add(0x9010);
        ScatterRequest[] requests = [new(0x3000, 4096, 4096), new(0x2000, 4096, 0), new(0x9000, 4096, 8192), new(0x40000, 4096, 12288)];
        var destination = new byte[4 * 4096];
        var failures = Read(source, requests, destination);
        Assert.That(failures[2], Is.InstanceOf<IOException>().With.Message.Contains("bad sector"));
        foreach (var i in new[] { 0, 1, 3 })
        {
            Assert.That(failures[i], Is.Null, $"part {i}");
            AssertRead(destination, requests[i]);
        }
        Assert.That(source.Reads, Is.EqualTo(new[] { (0x3000L, 4096), (0x2000L, 4096), (0x9000L, 4096), (0x9000L, 4096), (0x40000L, 4096) }),
            "in request order, one read each; the bad one once more alone");
        Assert.That(source.Hints, Is.Empty);
    }

    [Test]
    public void PartsOnDiskAreMergedAndAnnounced([Values(null, true)] bool? mustFetch)
    {
        var source = new RecordingSource(Bytes) { MustFetchAnswer = mustFetch };
        ScatterRequest[] requests = [new(0x40000, 4096, 4096), new(0x3000, 4096, 0), new(0x2000, 4096, 8192)];
        var destination = new byte[3 * 4096];
        Assert.That(Read(source, requests, destination), Is.All.Null);
        Assert.That(source.Reads, Is.EqualTo(new[] { (0x2000L, 0x2000), (0x40000L, 4096) }), "sorted and merged");
        Assert.That(source.Hints, Is.EqualTo(new[] { (0x2000L, 0x2000L), (0x40000L, 4096L) }));
        foreach (var r in requests) AssertRead(destination, r);
    }

    [Test]
    public void ManyScatteredPagesReadInParallelEqualPageByPageReads()
    {
        var source = new RecordingSource(Bytes);
        var frames = Enumerable.Range(0, 200).Select(i => i * 0x8000L + (i % 3) * 0x1000).ToArray();
        new Random(3).Shuffle(frames);
        var requests = frames.Select((f, i) => new ScatterRequest(f, 4096, i * 4096)).ToArray();
        var destination = new byte[requests.Length * 4096];
        Assert.That(Read(source, requests, destination), Is.All.Null);
        Assert.That(source.Reads.Count, Is.EqualTo(200), "pages 32 KiB apart are not merged");
        Assert.That(source.Hints.Count, Is.EqualTo(200));
        foreach (var r in requests) AssertRead(destination, r);
    }

    [Test]
    public void ZeroLengthPartsAreNotRead()
    {
        var source = new RecordingSource(Bytes);
        var failures = Read(source, [new(Bytes.Length + 10L, 0, 0)], new byte[1]);
        Assert.That(failures, Is.All.Null);
        Assert.That(source.Reads, Is.Empty);
    }

    [Test]
    public void APartOutsideTheDestinationIsAnError() =>
        Assert.That(() => Read(new RecordingSource(Bytes), [new(0, 4096, 1)], new byte[4096]), Throws.InstanceOf<ArgumentOutOfRangeException>());
}

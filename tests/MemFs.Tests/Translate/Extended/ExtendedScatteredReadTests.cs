using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Extended;

/// <summary>
/// Scattered reads of the extended space: parts in physical memory, a pagefile and a mapped file read in one call,
/// each part's bytes or failure the same as a <see cref="ExtendedPhysicalSpace.Read"/> of it alone.
/// </summary>
public class ExtendedScatteredReadTests
{
    private const string FilePath = @"\Windows\System32\tail.dll";

    private static ExtendedPhysicalSpace Space() =>
        new(TestMemory.WithHole(), new Dictionary<int, IByteSource> { [0] = new PatternSource("pagefile.sys", 0x10000, 5) },
            new OneFile(FilePath, new PatternSource("tail.dll", 0x1800, 9)));

    private static readonly ExtendedRequest[] Requests =
        [
            new(ExtendedLocation.Pagefile(0, 0x3000), 0x1000, 0),
            new(ExtendedLocation.Physical(0x1000), 0x1000, 0x1000),
            new(ExtendedLocation.File(FilePath, 0x1000), 0x1000, 0x2000), // the file's last page: 0x800 bytes, then zeros
            new(ExtendedLocation.Physical(TestMemory.Hole), 0x1000, 0x3000),
            new(ExtendedLocation.Pagefile(1, 0), 0x1000, 0x4000),
            new(ExtendedLocation.Pagefile(0, 0xF800), 0x1000, 0x5000),
            new(ExtendedLocation.Physical(0x0), 0x1000, 0x6000),
            new(ExtendedLocation.Pagefile(0, 0x2000), 0x1000, 0x7000),
            new(ExtendedLocation.Physical(0x1800), 0x1000, 0x8000), // runs into the hole at 0x2000
            new(ExtendedLocation.Physical(0x5000), 0x1000, 0x9000), // the second run, stored at 0x2000 of the image file
        ];

    [Test]
    public void EveryPartReadsAsItsOwnReadWouldAndFailsTheSame()
    {
        using var space = Space();
        var requests = Requests;
        var destination = new byte[requests.Length * 0x1000];
        destination.AsSpan().Fill(0xEE);
        var failures = new Exception?[requests.Length];
        space.ReadScattered(requests, destination, failures);

        for (var i = 0; i < requests.Length; i++)
        {
            var r = requests[i];
            var alone = new byte[r.Length];
            var expected = ReadAlone(space, r.Location, alone);
            AssertSame(failures[i], expected, destination.AsSpan(r.Destination, r.Length), alone, $"part {i} ({r.Location})");
        }
        Assert.That(failures.Count(f => f is not null), Is.EqualTo(4), "the hole, the missing pagefile, the pagefile's end and the run into the hole");
        Assert.That(destination.AsSpan(0x2800, 0x800).ContainsAnyExcept((byte)0), Is.False, "the mapped file's last page is zero past the file's end");
    }

    /// <summary>Parts all in physical memory take a shorter path (no grouping by source): the same bytes and errors.</summary>
    [Test]
    public void PhysicalPartsTogetherReadAndFailAsTheirOwnReads()
    {
        using var space = Space();
        var requests = Requests.Where(r => r.Location.Kind == BackingKind.Physical).ToArray();
        var destination = new byte[Requests.Length * 0x1000];
        var failures = new Exception?[requests.Length];
        space.ReadScattered(requests, destination, failures);
        for (var i = 0; i < requests.Length; i++)
        {
            var alone = new byte[requests[i].Length];
            AssertSame(failures[i], ReadAlone(space, requests[i].Location, alone), destination.AsSpan(requests[i].Destination, requests[i].Length), alone, requests[i].Location.ToString());
        }
        Assert.That(failures.Count(f => f is not null), Is.EqualTo(2), "the hole and the run into the hole");
    }

    /// <summary>A request of one part (frames in order join into one) takes shorter paths: the same bytes and errors.</summary>
    [Test]
    public void EachPartAloneAsTheWholeRequestReadsAndFailsAsItsOwnRead()
    {
        using var space = Space();
        foreach (var r in Requests)
        {
            var alone = new byte[r.Length];
            var expected = ReadAlone(space, r.Location, alone);
            var destination = new byte[r.Length + 0x100];
            var failures = new Exception?[1];
            space.ReadScattered([r with { Destination = 0x80 }], destination, failures);
            AssertSame(failures[0], expected, destination.AsSpan(0x80, r.Length), alone, r.Location.ToString());
            Assert.That(destination.AsSpan(0, 0x80).ContainsAnyExcept((byte)0) || destination.AsSpan(0x80 + r.Length).ContainsAnyExcept((byte)0), Is.False,
                $"{r.Location}: nothing written outside the part");
        }
    }

    private static IOException? ReadAlone(ExtendedPhysicalSpace space, ExtendedLocation location, byte[] alone)
    {
        try
        {
            space.Read(location, alone);
            return null;
        }
        catch (IOException e)
        {
            return e;
        }
    }

    private static void AssertSame(Exception? failure, Exception? expected, ReadOnlySpan<byte> read, byte[] alone, string what)
    {
        Assert.That(failure?.GetType(), Is.EqualTo(expected?.GetType()), what);
        Assert.That(failure?.Message, Is.EqualTo(expected?.Message), what);
        if (expected is null) Assert.That(read.ToArray(), Is.EqualTo(alone), what);
    }

    private sealed class OneFile(string path, IByteSource source) : IMappedFileProvider
    {
        public string Description => "one test file";

        public IByteSource? Open(string windowsPath) => string.Equals(windowsPath, path, StringComparison.OrdinalIgnoreCase) ? source : null;
    }
}

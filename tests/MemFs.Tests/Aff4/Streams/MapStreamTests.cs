using System.Text;
using MemFs.Aff4;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Streams;
using MemFs.Tests.Aff4.Writers;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Streams;

public class MapStreamTests : TestVolumes
{
    private const string Map = Volume + "/PhysicalMemory";
    private const string Data = Volume + "/PhysicalMemory/data";

    // Three runs packed back to back into the data stream, like a WinPmem acquisition.
    private static readonly MapEntry[] Runs =
    [
        new(0x1000, 0x3000, 0x0, 0),
        new(0x10000, 0x2000, 0x3000, 0),
        new(0x13000, 0x5000, 0x5000, 0),
    ];

    [TestCase(MapEntryOrder.Standard, false)]
    [TestCase(MapEntryOrder.LegacySwapped, true)]
    public void BothEntryOrdersAreReadByTheirDeclaredType(MapEntryOrder order, bool legacyType)
    {
        var data = SampleData(0xA000);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Data, data, 4096, 4, CompressionMethod.Snappy);
        builder.AddMap(Map, Runs.Reverse(), [Data], order, legacyType: legacyType);
        using var image = Open(Write(builder));
        var map = (MapStream)image.OpenStream(Map);

        Assert.That(map.Order, Is.EqualTo(order));
        Assert.That(map.Warnings, Is.Empty);
        AssertRunsRead(map, data);
    }

    [Test]
    public void SwappedEntriesUnderAStandardTypeAreDetectedAndReported()
    {
        var data = SampleData(0xA000);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Data, data, 4096, 4, CompressionMethod.Snappy);
        builder.AddMap(Map, Runs, [Data], MapEntryOrder.LegacySwapped, legacyType: false);
        using var image = Open(Write(builder));
        var map = (MapStream)image.OpenStream(Map);

        Assert.That(map.Order, Is.EqualTo(MapEntryOrder.LegacySwapped));
        Assert.That(map.Warnings, Has.One.Contains("LegacySwapped order, which is used"));
        AssertRunsRead(map, data);
    }

    [Test]
    public void GapsReadFromTheDefaultStreamAtTheMapOffset()
    {
        var data = SampleData(0xA000);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Data, data, 4096, 4, CompressionMethod.Snappy);
        builder.AddMap(Map, Runs, [Data], size: 0x20000, gapIri: SymbolicStreams.UnknownData);
        using var image = Open(Write(builder));
        var map = image.OpenStream(Map);
        Assert.That(map.Length, Is.EqualTo(0x20000));
        var gap = ReadAll(map, 0x4000, 16, 16);
        Assert.That(Encoding.ASCII.GetString(gap), Is.EqualTo(Pattern("UNKNOWN", 0x4000, 16)));
        Assert.That(ReadAll(map, 0x1FFF0, 16, 16), Is.EqualTo(Encoding.ASCII.GetBytes(Pattern("UNKNOWN", 0x1FFF0, 16))));
    }

    [Test]
    public void SymbolicTargetsFillTheirExactPatterns()
    {
        var builder = new TestAff4VolumeBuilder(Volume);
        string[] targets = [SymbolicStreams.Zero, "http://aff4.org/Schema#SymbolicStreamA5", "http://aff4.org/Schema#FFDevice",
            SymbolicStreams.UnknownData, SymbolicStreams.UnreadableData, "http://aff4.org/Schema#SymbolicStream61"];
        builder.AddMap(Map,
        [
            new(0, 0x1000, 0, 0), new(0x1000, 0x1000, 0, 1), new(0x2000, 0x1000, 0, 2),
            new(0x3000, 0x200000, 0x3000, 3), new(0x300000, 0x200000, 0, 4), new(0x500000, 0x10, 0, 5),
        ], targets);
        using var image = Open(Write(builder));
        var map = image.OpenStream(Map);

        Assert.That(ReadAll(map, 0, 0x1000, 4096), Is.All.EqualTo(0x00));
        Assert.That(ReadAll(map, 0x1000, 0x1000, 4096), Is.All.EqualTo(0xA5));
        Assert.That(ReadAll(map, 0x2000, 0x1000, 4096), Is.All.EqualTo(0xFF));
        Assert.That(ReadAll(map, 0x500000, 0x10, 16), Is.All.EqualTo(0x61));
        // AFF4 Standard: the marker string restarts at every 1 MiB tile (checks from aff4-cpp-lite's tests).
        Assert.That(Encoding.ASCII.GetString(ReadAll(map, 0x3000 + 0x100000 - 2 - 0x3000, 16, 7)), Is.EqualTo("KNUNKNOWNUNKNOWN"));
        Assert.That(Encoding.ASCII.GetString(ReadAll(map, 0x300000 + 0x100000 - 2, 16, 5)), Is.EqualTo("REUNREADABLEDATA"));
    }

    [Test]
    public void OverlappingEntriesLetTheLaterOneWin()
    {
        var data = SampleData(0x4000);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Data, data, 4096, 4, CompressionMethod.Stored);
        builder.AddMap(Map, [new(0, 0x4000, 0, 0), new(0x1000, 0x1000, 0x3000, 1)], [Data, "http://aff4.org/Schema#SymbolicStream11"]);
        using var image = Open(Write(builder));
        var map = (MapStream)image.OpenStream(Map);

        Assert.That(map.Entries, Has.Count.EqualTo(3));
        Assert.That(ReadAll(map, 0, 0x1000, 4096), Is.EqualTo(data[..0x1000]));
        Assert.That(ReadAll(map, 0x1000, 0x1000, 4096), Is.All.EqualTo(0x11));
        Assert.That(ReadAll(map, 0x2000, 0x2000, 4096), Is.EqualTo(data[0x2000..]));
        Assert.That(map.Warnings, Has.Some.Contains("overlapping"));
    }

    [Test]
    public void AMapOverAMapResolvesThroughBoth()
    {
        var data = SampleData(0xA000);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Data, data, 4096, 4, CompressionMethod.Snappy);
        builder.AddMap(Map, Runs, [Data]);
        var outer = Volume + "/outer";
        builder.AddMap(outer, [new(0x100, 0x3000, 0x1000, 0)], [Map]);
        using var image = Open(Write(builder));
        Assert.That(ReadAll(image.OpenStream(outer), 0x100, 0x3000, 1000), Is.EqualTo(data[..0x3000]));
    }

    [Test]
    public void AMapThatReachesItselfIsACycleError()
    {
        var a = Volume + "/a";
        var b = Volume + "/b";
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddMap(a, [new(0, 0x1000, 0, 0)], [b]);
        builder.AddMap(b, [new(0, 0x1000, 0, 0)], [a]);
        var path = Write(builder);
        using var image = Open(path);
        var error = Assert.Throws<Aff4CycleException>(() => image.OpenStream(a))!;
        Assert.That(error.Message, Does.Contain($"{a} -> {b} -> {a}"));
        Assert.That(error.FilePath, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path + ", "));
    }

    [Test]
    public void OfContradictingSizesTheSmallestHoldingEveryMappedByteIsUsedWithAWarning()
    {
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddMap(Map, [new(0, 0x2000, 0, 0)], [SymbolicStreams.Zero], size: 0x4000, extraProperties: "aff4:size 4294967296 ; aff4:size 4096");
        using var image = Open(Write(builder));
        var map = (MapStream)image.OpenStream(Map);
        Assert.That(map.Length, Is.EqualTo(0x4000), "0x1000 cuts the mapped 0x2000 bytes; 4 GiB only adds holes to hash");
        Assert.That(map.Warnings, Has.Some.Contains("stated as 0x1000 and 0x4000 and 0x100000000; using 0x4000"));
    }

    [Test]
    public void WhenNoStatedSizeHoldsTheEntriesTheLargestIsUsed()
    {
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddMap(Map, [new(0, 0x3000, 0, 0)], [SymbolicStreams.Zero], size: 0x1000, extraProperties: "aff4:size 8192");
        using var image = Open(Write(builder));
        var map = (MapStream)image.OpenStream(Map);
        Assert.That(map.Length, Is.EqualTo(0x2000));
        Assert.That(map.Warnings, Has.Some.Contains("past the declared size 0x2000"));
    }

    [Test]
    public void AnObjectNoVolumeDescribesIsAnErrorNamingTheVolumeFiles()
    {
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddMap(Map, [new(0, 0x1000, 0, 0)], [SymbolicStreams.Zero]);
        var one = Write(builder, "one.aff4");
        var two = Write(new TestAff4VolumeBuilder("aff4://0f0f0f0f-0000-4000-8000-00000000a003"), "two.aff4");
        using var image = Open(one, two);
        var error = Assert.Throws<Aff4Exception>(() => image.OpenStream(Volume + "/missing"))!;
        Assert.That(error.FilePath, Is.EqualTo($"{one}, {two}"));
        Assert.That(error.Message, Does.Contain("no opened volume describes this object"));
    }

    [Test]
    public void AnImageStripedOverTwoVolumesNeedsBoth()
    {
        var data = SampleData(0xA000);
        const string second = "aff4://0f0f0f0f-0000-4000-8000-00000000a002";
        const string stripe = second + "/stripe";
        var first = new TestAff4VolumeBuilder(Volume);
        first.AddMap(Map, Runs, [stripe]);
        var other = new TestAff4VolumeBuilder(second);
        other.AddImageStream(stripe, data, 4096, 4, CompressionMethod.Lz4);
        var firstPath = Write(first, "one.aff4");
        var secondPath = Write(other, "two.aff4");

        using (var both = Open(firstPath, secondPath)) AssertRunsRead((MapStream)both.OpenStream(Map), data);

        using var alone = Open(firstPath);
        var map = alone.OpenStream(Map);
        var error = Assert.Throws<Aff4Exception>(() => map.Read(0x1000, new byte[16]))!;
        Assert.That(error.Message, Does.Contain("unavailable"));
        Assert.That(error.FilePath, Is.EqualTo(firstPath), "the volume that was searched for the stripe");
        Assert.That(alone.Warnings, Has.Some.Contains(stripe));
    }

    [Test]
    public void AnExabyteSparseMapReadsAtItsFarEnd()
    {
        const long size = 1L << 62;
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddMap(Map, [new(size - 0x1000, 0x1000, 0, 0)], ["http://aff4.org/Schema#SymbolicStreamEE"], size: size);
        using var image = Open(Write(builder));
        var map = image.OpenStream(Map);
        Assert.That(map.Length, Is.EqualTo(size));
        Assert.That(ReadAll(map, size - 0x1010, 0x10, 16), Is.All.EqualTo(0));
        Assert.That(ReadAll(map, size - 0x1000, 0x1000, 4096), Is.All.EqualTo(0xEE));
        Assert.That(map.Read(size, new byte[16]), Is.Zero);
    }

    [Test]
    public void TargetIdsBeyondTheIdxAreRejectedWithTheSegmentName()
    {
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddMap(Map, [new(0, 0x1000, 0, 5)], [SymbolicStreams.Zero]);
        using var image = Open(Write(builder));
        var error = Assert.Throws<Aff4Exception>(() => image.OpenStream(Map))!;
        Assert.That(error.Message, Does.Contain("target 5").And.Contain("PhysicalMemory/map"));
    }

    [Test]
    public void DataRunsListOnlyAcquiredRanges()
    {
        var data = SampleData(0xA000);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Data, data, 4096, 4, CompressionMethod.Snappy);
        builder.AddMap(Map, [.. Runs, new(0x12000, 0x1000, 0x9000, 0), new(0x18000, 0x1000, 0, 1)], [Data, SymbolicStreams.UnreadableData]);
        using var image = Open(Write(builder));
        var map = (MapStream)image.OpenStream(Map);
        Assert.That(map.DataRuns(), Is.EqualTo(new[] { (0x1000L, 0x3000L), (0x10000L, 0x8000L) }), "adjacent data entries merge, UnreadableData is no data");
    }

    private static void AssertRunsRead(MapStream map, byte[] data)
    {
        Assert.That(map.Length, Is.EqualTo(0x18000));
        foreach (var run in Runs)
            Assert.That(ReadAll(map, run.MappedOffset, (int)run.Length, 3333), Is.EqualTo(data.AsSpan((int)run.TargetOffset, (int)run.Length).ToArray()));
        Assert.That(ReadAll(map, 0, 0x1000, 4096), Is.All.EqualTo(0), "gap before the first run reads as aff4:Zero");
        Assert.That(ReadAll(map, 0x4000, 0xC000, 4096), Is.All.EqualTo(0));
    }

    private static string Pattern(string marker, long position, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(i => marker[(int)((position + i) % (1 << 20) % marker.Length)]));
}

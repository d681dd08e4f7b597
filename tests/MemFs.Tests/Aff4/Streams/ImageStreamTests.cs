using MemFs.Aff4;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Streams;
using MemFs.Tests.Aff4.Writers;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Streams;

public class ImageStreamTests : TestVolumes
{
    private const string Stream = Volume + "/data";

    [Test]
    public void EveryCompressionMethodAndIndexLayoutReadsBack(
        [Values] CompressionMethod method,
        [Values(BevyIndexLayout.Standard, BevyIndexLayout.LegacyStartOffsets, BevyIndexLayout.LegacyEndOffsets)] BevyIndexLayout layout)
    {
        var data = SampleData(4096 * 11 + 1234);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 4096, 4, method, layout);
        using var image = Open(Write(builder));
        var stream = (ImageStream)image.OpenStream(Stream);

        Assert.That(stream.Length, Is.EqualTo(data.Length));
        Assert.That(stream.BevyCount, Is.EqualTo(3));
        Assert.That(stream.GetBevyIndex(0)!.Layout, Is.EqualTo(layout));
        Assert.That(ReadAll(stream, 0, data.Length, 5000), Is.EqualTo(data));
        var stats = stream.DescribeChunks();
        Assert.That(stats.Chunks, Is.EqualTo(12));
        Assert.That(stats.StoredRaw + stats.Compressed, Is.EqualTo(12));
        Assert.That(stats.Missing, Is.Zero);
    }

    [TestCase(1), TestCase(571), TestCase(4095), TestCase(4096), TestCase(4097), TestCase(16384), TestCase(65536)]
    public void ReadSizeSweepAcrossChunkBoundaries(int readSize)
    {
        var data = SampleData(4096 * 9 + 77, seed: readSize);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 4096, 3, CompressionMethod.Snappy);
        using var image = Open(Write(builder));
        var stream = image.OpenStream(Stream);
        foreach (var start in new[] { 0, 1, 4095, 4096, 4097, 12288 - 3 })
            Assert.That(ReadAll(stream, start, data.Length - start, readSize), Is.EqualTo(data[start..]), $"start {start}");
    }

    [Test]
    public void ReadsStopAtTheStatedSize()
    {
        var data = SampleData(10000);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 4096, 8, CompressionMethod.Zlib, padLastChunk: true);
        using var image = Open(Write(builder));
        var stream = image.OpenStream(Stream);
        var buffer = new byte[9000];
        Assert.That(stream.Read(9000, buffer), Is.EqualTo(1000));
        Assert.That(buffer.AsSpan(0, 1000).ToArray(), Is.EqualTo(data[9000..]));
        Assert.That(stream.Read(10000, buffer), Is.Zero);
    }

    [Test]
    public void ChunksOutOfOrderInsideABevyAreFoundThroughTheIndex()
    {
        var data = SampleData(4096 * 8);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 4096, 8, CompressionMethod.Lz4, shuffle: true);
        using var image = Open(Write(builder));
        var stream = (ImageStream)image.OpenStream(Stream);
        var index = stream.GetBevyIndex(0)!;
        Assert.That(index[0].Offset, Is.GreaterThan(index[7].Offset), "the writer placed chunk 0 last");
        Assert.That(ReadAll(stream, 0, data.Length, 3000), Is.EqualTo(data));
    }

    [Test]
    public void IncompressibleFullChunksAreStoredRawUnderTheStandardRule()
    {
        var data = new byte[4096 * 4];
        new Random(7).NextBytes(data);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 4096, 4, CompressionMethod.Snappy);
        using var image = Open(Write(builder));
        var stream = (ImageStream)image.OpenStream(Stream);
        Assert.That(stream.DescribeChunks().StoredRaw, Is.EqualTo(4));
        Assert.That(ReadAll(stream, 0, data.Length, 4096), Is.EqualTo(data));
    }

    [Test]
    public void LegacyVocabularyWithoutSizeCountsIndexEntries()
    {
        var data = SampleData(4096 * 6);
        var builder = new TestAff4VolumeBuilder(Volume, writeVersionTxt: false);
        builder.AddImageStream(Stream, data, 4096, 4, CompressionMethod.Zlib, BevyIndexLayout.LegacyStartOffsets,
            legacyVocabulary: true, storeIncompressibleRaw: false, writeSize: false);
        using var image = Open(Write(builder));
        var stream = (ImageStream)image.OpenStream(Stream);
        Assert.That(stream.Layout.AlwaysCompressed, Is.True);
        Assert.That(stream.Length, Is.EqualTo(data.Length));
        Assert.That(image.Warnings, Has.Some.Contains("states no aff4:size"));
        Assert.That(ReadAll(stream, 0, data.Length, 10000), Is.EqualTo(data));
    }

    [Test]
    public void ADamagedChunkFailsOnlyTheReadsThatTouchIt()
    {
        var data = SampleData(4096 * 4);
        var builder = new TestAff4VolumeBuilder(Volume);
        // zlib carries an Adler-32, so corruption is detected; snappy has no checksum (block hashes catch it).
        builder.AddImageStream(Stream, data, 4096, 4, CompressionMethod.Zlib);
        var path = Write(builder);
        CorruptChunk(path, chunk: 2);

        using var image = Open(path);
        var stream = image.OpenStream(Stream);
        Assert.That(ReadAll(stream, 0, 8192, 4096), Is.EqualTo(data[..8192]));
        Assert.That(ReadAll(stream, 12288, 4096, 4096), Is.EqualTo(data[12288..]));
        var error = Assert.Throws<Aff4Exception>(() => stream.Read(8192 + 100, new byte[10]))!;
        Assert.That(error.Message, Does.Contain("chunk 2").And.Contain(path).And.Contain("offset 0x"));
        // A read over all four chunks fetches their stored bytes in one go, and still fails on chunk 2 alone.
        using var fresh = Open(path);
        var whole = fresh.OpenStream(Stream);
        Assert.That(() => whole.Read(0, new byte[data.Length]), Throws.InstanceOf<Aff4Exception>().With.Message.Contains("chunk 2"));
        Assert.That(ReadAll(whole, 0, 8192, 8192), Is.EqualTo(data[..8192]));
        Assert.That(ReadAll(whole, 12288, 4096, 4096), Is.EqualTo(data[12288..]));
    }

    [Test]
    public void AnIndexEntryOutsideItsSegmentIsReportedWithTheSegmentName()
    {
        var data = SampleData(4096 * 2);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 4096, 2, CompressionMethod.Snappy);
        var path = Write(builder);
        PatchIndexEntry(path, slot: 1, offset: 1L << 40);

        using var image = Open(path);
        var stream = image.OpenStream(Stream);
        Assert.That(ReadAll(stream, 0, 4096, 4096), Is.EqualTo(data[..4096]));
        var error = Assert.Throws<Aff4Exception>(() => stream.Read(4096, new byte[16]))!;
        Assert.That(error.Message, Does.Contain("outside its").And.Contain("/00000000"));
    }

    [Test]
    public void AbsurdChunkSizeIsRejectedBeforeAnyAllocation()
    {
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddSegment(Stream + "/00000000", new byte[16]);
        builder.AddSegment(Stream + "/00000000.index", new byte[12]);
        builder.AddTurtle($"<{Stream}> a aff4:ImageStream ; aff4:size 9223372036854775807 ; aff4:chunkSize 4294967296 ; aff4:chunksInSegment 1 .");
        using var image = Open(Write(builder));
        var error = Assert.Throws<Aff4Exception>(() => image.OpenStream(Stream))!;
        Assert.That(error.Message, Does.Contain("out of range").And.Contain(Stream));
    }

    [Test]
    public void AMissingBevyFailsOnlyItsChunks()
    {
        var data = SampleData(4096 * 4);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data[..8192], 4096, 2, CompressionMethod.Snappy, writeSize: false);
        builder.AddTurtle($"<{Stream}> aff4:size {data.Length} .");
        using var image = Open(Write(builder));
        var stream = image.OpenStream(Stream);
        Assert.That(ReadAll(stream, 0, 8192, 8192), Is.EqualTo(data[..8192]));
        Assert.That(() => stream.Read(8192, new byte[1]), Throws.InstanceOf<Aff4Exception>().With.Message.Contains("bevy 1"));
    }

    [Test, CancelAfter(10_000)]
    public void AnExabyteSizeClaimIsReportedQuicklyAsMissingChunks()
    {
        var data = SampleData(1024);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 512, 1, CompressionMethod.Stored, writeSize: false);
        builder.AddTurtle($"<{Stream}> aff4:size {1L << 60} .");
        using var image = Open(Write(builder));
        var stream = (ImageStream)image.OpenStream(Stream);
        var stats = stream.DescribeChunks();
        Assert.That((stats.StoredRaw, stats.Missing), Is.EqualTo((2L, (1L << 51) - 2)));
        Assert.That(ReadAll(stream, 0, 1024, 700), Is.EqualTo(data));
        Assert.That(() => stream.Read(1L << 59, new byte[1]), Throws.InstanceOf<Aff4Exception>().With.Message.Contains("is in no opened volume"));
    }

    [Test]
    public void ConcurrentReadersSeeTheSameBytes()
    {
        var data = SampleData(4096 * 64);
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(Stream, data, 4096, 16, CompressionMethod.Deflate);
        using var image = Open(Write(builder));
        var stream = image.OpenStream(Stream);
        var failures = 0;
        Parallel.For(0, 8, worker =>
        {
            var random = new Random(worker);
            var buffer = new byte[9000];
            for (var i = 0; i < 500; i++)
            {
                var start = random.Next(data.Length - buffer.Length);
                stream.Read(start, buffer);
                if (!buffer.AsSpan().SequenceEqual(data.AsSpan(start, buffer.Length))) Interlocked.Increment(ref failures);
            }
        });
        Assert.That(failures, Is.Zero);
    }

    private static void CorruptChunk(string path, int chunk)
    {
        using var image = Open(path);
        var stream = (ImageStream)image.OpenStream(Stream);
        var index = stream.GetBevyIndex(0)!;
        var (offset, length) = index[chunk];
        var fileOffset = index.Data.Volume.StoredDataStart(index.Data.Member) + offset;
        image.Dispose();
        using var file = File.OpenWrite(path);
        file.Position = fileOffset + length / 2;
        file.Write(Enumerable.Repeat((byte)0xEE, Math.Min(64, length / 2)).ToArray());
    }

    private static void PatchIndexEntry(string path, int slot, long offset)
    {
        long fileOffset;
        using (var image = Open(path))
        {
            var index = ((ImageStream)image.OpenStream(Stream)).GetBevyIndex(0)!;
            fileOffset = index.Index.Volume.StoredDataStart(index.Index.Member) + slot * 12;
        }
        using var file = File.OpenWrite(path);
        file.Position = fileOffset;
        file.Write(BitConverter.GetBytes(offset));
    }
}

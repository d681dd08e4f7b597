using BenchmarkDotNet.Attributes;
using MemFs.Aff4;
using MemFs.Aff4.Caching;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Streams;
using MemFs.Tests.Aff4.Writers;

namespace MemFs.Benchmarks.Aff4;

/// <summary>
/// Reading a snappy-compressed AFF4 ImageStream against the physical limit: Snappier decoding the
/// same stored chunks from memory with no container, index or cache around it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class SnappyStreamReadBenchmarks
{
    private const string Volume = "aff4://be0c0000-0000-4000-8000-000000000001";
    private const string StreamUrn = Volume + "/data";
    private const int StreamBytes = 64 << 20;
    private const int ChunkSize = 32768;
    public const int RandomReadsPerOperation = 100_000;

    private string _directory = "";
    private string _volumePath = "";
    private byte[][] _storedChunks = [];
    private Aff4Image? _warmImage;
    private IAff4Stream? _warmStream;
    private readonly byte[] _buffer = new byte[1 << 20];
    private long[] _randomOffsets = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = MemoryLikeData.Create(StreamBytes);
        _directory = Directory.CreateTempSubdirectory("memfs-bench-").FullName;
        var builder = new TestAff4VolumeBuilder(Volume);
        builder.AddImageStream(StreamUrn, data, ChunkSize, 1024, CompressionMethod.Snappy);
        _volumePath = builder.WriteTo(_directory);

        // The same bytes the stream stores, held in memory: what the limit decodes.
        _storedChunks = Enumerable.Range(0, StreamBytes / ChunkSize)
            .Select(i => TestAff4VolumeBuilder.Compress(CompressionMethod.Snappy, data.AsSpan(i * ChunkSize, ChunkSize).ToArray()))
            .Select((c, i) => c.Length >= ChunkSize - 16 ? data.AsSpan(i * ChunkSize, ChunkSize).ToArray() : c)
            .ToArray();

        _warmImage = Aff4Image.Open(_volumePath, new ChunkCache(256L << 20));
        _warmStream = _warmImage.OpenStream(StreamUrn);
        for (long pos = 0; pos < StreamBytes; pos += _buffer.Length) _warmStream.Read(pos, _buffer);
        var random = new Random(1);
        _randomOffsets = Enumerable.Range(0, RandomReadsPerOperation).Select(_ => (long)random.Next(StreamBytes - 4096)).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _warmImage?.Dispose();
        Directory.Delete(_directory, true);
    }

    /// <summary>The limit: Snappier alone on the stored chunks (raw chunks copied, as a reader must).</summary>
    [Benchmark(Baseline = true, Description = "Snappier raw decode, 64 MiB")]
    public long RawSnappyDecode()
    {
        long total = 0;
        foreach (var chunk in _storedChunks)
            total += chunk.Length == ChunkSize ? chunk.AsSpan().ToArray().Length : Snappier.Snappy.DecompressToArray(chunk).Length;
        return total;
    }

    /// <summary>Sequential 1 MiB reads of the whole stream from a cold cache: open, index, read, decode, copy.</summary>
    [Benchmark(Description = "ImageStream sequential, cold cache, 64 MiB")]
    public long SequentialColdCache()
    {
        using var image = Aff4Image.Open(_volumePath, new ChunkCache(256L << 20));
        var stream = image.OpenStream(StreamUrn);
        long total = 0;
        for (long pos = 0; pos < StreamBytes; pos += _buffer.Length) total += stream.Read(pos, _buffer);
        return total;
    }

    /// <summary>100,000 random 4 KiB reads on one thread with every chunk already cached.</summary>
    [Benchmark(Description = "ImageStream random 4 KiB, warm cache, x100000")]
    public long RandomWarm4K()
    {
        long total = 0;
        var span = _buffer.AsSpan(0, 4096);
        foreach (var offset in _randomOffsets) total += _warmStream!.Read(offset, span);
        return total;
    }
}

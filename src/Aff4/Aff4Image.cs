using MemFs.Aff4.Caching;
using MemFs.Aff4.Discovery;
using MemFs.Aff4.Rdf;
using MemFs.Aff4.Streams;
using MemFs.Aff4.Volumes;

namespace MemFs.Aff4;

/// <summary>
/// One or more AFF4 volumes opened as one evidence set: the entry point of the AFF4 layer.
/// Every object is opened by URN through <see cref="Streams"/>; <see cref="Locator"/> finds memory,
/// pagefiles and acquired files. Reads are positional and thread-safe.
/// </summary>
public sealed class Aff4Image : IDisposable
{
    private readonly bool _ownsCache;

    private Aff4Image(VolumeSet volumes, ChunkCache cache, bool ownsCache)
    {
        Volumes = volumes;
        Cache = cache;
        _ownsCache = ownsCache;
        Streams = new StreamResolver(volumes, cache);
        Locator = new MemoryImageLocator(volumes);
    }

    public VolumeSet Volumes { get; }
    public RdfGraph Graph => Volumes.Graph;
    public ChunkCache Cache { get; }
    public StreamResolver Streams { get; }
    public MemoryImageLocator Locator { get; }

    /// <summary>Opens the volumes read-only. Pass a shared <paramref name="cache"/> to bound memory across layers.</summary>
    public static Aff4Image Open(IEnumerable<string> volumePaths, ChunkCache? cache = null)
    {
        var volumes = VolumeSet.Open(volumePaths);
        return new Aff4Image(volumes, cache ?? new ChunkCache(), cache is null);
    }

    public static Aff4Image Open(string volumePath, ChunkCache? cache = null) => Open([volumePath], cache);

    public IAff4Stream OpenStream(string urn) => Streams.Open(urn);

    /// <summary>All warnings gathered so far from the volumes and the streams opened.</summary>
    public IReadOnlyList<string> Warnings => [.. Volumes.Warnings, .. Streams.Warnings];

    public void Dispose()
    {
        Volumes.Dispose();
        if (_ownsCache) Cache.Dispose();
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace MemFs.Aff4.Caching;

/// <summary>
/// The bounded cache of decoded blocks that every layer shares (AFF4 chunks now, translated pages later).
/// Capacity is counted in bytes. Concurrent requests for the same missing block wait for one producer,
/// so a chunk is decompressed once even when many threads read it at the same moment.
/// </summary>
public sealed class ChunkCache : IDisposable
{
    public const long DefaultCapacityBytes = 256L * 1024 * 1024;

    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<ChunkKey, Lazy<byte[]>> _inFlight = new();
    private long _hits;
    private long _misses;

    public ChunkCache(long capacityBytes = DefaultCapacityBytes)
    {
        if (capacityBytes <= 0) throw new ArgumentOutOfRangeException(nameof(capacityBytes));
        CapacityBytes = capacityBytes;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = capacityBytes, CompactionPercentage = 0.25 });
    }

    public long CapacityBytes { get; }
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>True if the block is cached now (it may be evicted a moment later).</summary>
    public bool Contains(ChunkKey key) => _cache.TryGetValue(key, out _);

    /// <summary>Returns the cached block for <paramref name="key"/>, producing it once if absent.</summary>
    public byte[] GetOrAdd<TState>(ChunkKey key, TState state, Func<TState, byte[]> produce)
    {
        if (_cache.TryGetValue(key, out var cached) && cached is byte[] hit)
        {
            Interlocked.Increment(ref _hits);
            return hit;
        }

        Interlocked.Increment(ref _misses);
        var lazy = _inFlight.GetOrAdd(key, static (_, arg) => new Lazy<byte[]>(() => arg.produce(arg.state), LazyThreadSafetyMode.ExecutionAndPublication), (produce, state));
        try
        {
            var block = lazy.Value;
            using (var entry = _cache.CreateEntry(key))
            {
                entry.Size = Math.Max(block.Length, 64);
                entry.Value = block;
            }
            return block;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<ChunkKey, Lazy<byte[]>>(key, lazy));
        }
    }

    public void Dispose() => _cache.Dispose();
}

/// <summary>Identifies one block: the object that owns it (compared by reference) and its index.</summary>
public readonly record struct ChunkKey(object Owner, long Index);

using System.Buffers;
using System.Collections.Concurrent;
using MemFs.Aff4.Caching;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Volumes;

namespace MemFs.Aff4.Streams;

/// <summary>
/// An AFF4 ImageStream: the stream cut into chunks, chunks compressed one by one and grouped into
/// bevies (Zip members) with an index each. A read costs only the chunks it touches; decoded chunks
/// live in the shared <see cref="ChunkCache"/>.
/// </summary>
public sealed class ImageStream : IAff4Stream
{
    private readonly VolumeSet _volumes;
    private readonly ChunkCache _cache;
    // PublicationOnly: loading a bevy index twice in a race is harmless, and a failed load (an I/O error) is not
    // remembered, where ExecutionAndPublication would rethrow it for the rest of the mount.
    private readonly ConcurrentDictionary<long, Lazy<BevyIndex?>> _bevies = new();

    public ImageStream(string urn, ImageStreamLayout layout, VolumeSet volumes, ChunkCache cache)
    {
        if (ImageStreamLayout.ChunkSizeProblem(layout.ChunkSize) is { } problem) throw new Aff4Exception(problem, volumes.FilePaths, urn);
        if (layout.ChunksInSegment <= 0 || layout.ChunksInSegment > ImageStreamLayout.MaxChunksInSegment)
            throw new Aff4Exception($"chunks per segment {layout.ChunksInSegment} is outside 1..{ImageStreamLayout.MaxChunksInSegment}", volumes.FilePaths, urn);
        if (layout.Size < 0) throw new Aff4Exception($"negative stream size {layout.Size}", volumes.FilePaths, urn);
        Urn = urn;
        Layout = layout;
        _volumes = volumes;
        _cache = cache;
    }

    public string Urn { get; }
    public ImageStreamLayout Layout { get; }
    public long Length => Layout.Size;
    public int ChunkSize => Layout.ChunkSize;
    public long BevyCount => Layout.ChunkCount == 0 ? 0 : (Layout.ChunkCount - 1) / Layout.ChunksInSegment + 1;

    public int Read(long position, Span<byte> destination)
    {
        if (position < 0) throw new ArgumentOutOfRangeException(nameof(position));
        if (position >= Length) return 0;
        var total = (int)Math.Min(destination.Length, Length - position);
        var lastChunk = (position + total - 1) / ChunkSize;
        if (lastChunk > position / ChunkSize) Prefetch(position / ChunkSize, lastChunk);
        var done = 0;
        while (done < total)
        {
            var pos = position + done;
            var chunkId = pos / ChunkSize;
            var inChunk = (int)(pos - chunkId * ChunkSize);
            var chunk = GetChunk(chunkId);
            var n = Math.Min(chunk.Length - inChunk, total - done);
            chunk.AsSpan(inChunk, n).CopyTo(destination[done..]);
            done += n;
        }
        return total;
    }

    /// <summary>The decoded chunk (at least as long as the stream needs; a padded final chunk is full size).</summary>
    public byte[] GetChunk(long chunkId)
    {
        if (chunkId < 0 || chunkId >= Layout.ChunkCount) throw new ArgumentOutOfRangeException(nameof(chunkId));
        return _cache.GetOrAdd(new ChunkKey(this, chunkId), (stream: this, chunkId), static s => s.stream.DecodeChunk(s.chunkId));
    }

    /// <summary>The index of bevy <paramref name="bevy"/>, or null when no opened volume holds that bevy.</summary>
    public BevyIndex? GetBevyIndex(long bevy) =>
        _bevies.GetOrAdd(bevy, b => new Lazy<BevyIndex?>(() => BevyIndex.Load(_volumes, Urn, b, Layout.ChunksInSegment), LazyThreadSafetyMode.PublicationOnly)).Value;

    /// <summary>
    /// The bytes the volumes hold from the start: the stated size when the bevy of the last chunk is present, else up to
    /// the end of the last bevy before the first absent one (bevies are read in order until then, so a size claiming more
    /// than the volumes hold costs one member lookup per stored bevy, not one per claimed chunk).
    /// </summary>
    public long StoredLength()
    {
        if (BevyCount == 0 || GetBevyIndex(BevyCount - 1) is not null) return Length;
        long stored = 0;
        for (long bevy = 0; bevy < BevyCount && GetBevyIndex(bevy) is { } index; bevy++)
            stored = bevy * Layout.ChunksInSegment * (long)ChunkSize + Math.Min(index.Count, Layout.ChunksInSegment) * (long)ChunkSize;
        return Math.Min(stored, Length);
    }

    /// <summary>
    /// Counts chunks by how they are stored, loading every bevy index (for reports). Bevies are read in
    /// order until the first missing one: a stream has no holes, and a size claiming more bevies than the
    /// volumes hold must not make this loop run for as long as the claim.
    /// </summary>
    public ChunkStatistics DescribeChunks()
    {
        long indexEntries = 0, raw = 0, compressed = 0, missing = 0;
        for (long bevy = 0; bevy < BevyCount; bevy++)
        {
            var index = GetBevyIndex(bevy);
            var chunksHere = (int)Math.Min(Layout.ChunksInSegment, Layout.ChunkCount - bevy * Layout.ChunksInSegment);
            if (index is null)
            {
                missing = Layout.ChunkCount - bevy * Layout.ChunksInSegment;
                break;
            }
            indexEntries += index.Count;
            for (var slot = 0; slot < chunksHere; slot++)
            {
                if (slot >= index.Count || index[slot].Length <= 0) missing++;
                else if (IsStoredRaw(index[slot].Length)) raw++;
                else compressed++;
            }
        }
        return new ChunkStatistics(Layout.ChunkCount, BevyCount, indexEntries, raw, compressed, missing);
    }

    private bool IsStoredRaw(int storedLength) =>
        Layout.Compression == CompressionMethod.Stored || (!Layout.AlwaysCompressed && storedLength == ChunkSize);

    private byte[] DecodeChunk(long chunkId)
    {
        var location = Locate(chunkId);
        var buffer = ArrayPool<byte>.Shared.Rent(location.Length);
        try
        {
            location.Index.Data.ReadExactly(location.Offset, buffer.AsSpan(0, location.Length));
            return DecodeStored(chunkId, location, buffer.AsSpan(0, location.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Before a read that spans several chunks: chunks not yet cached whose stored bytes lie back to back
    /// in one bevy (every in-order writer places them so) are fetched with one read instead of one each.
    /// </summary>
    private void Prefetch(long firstChunk, long lastChunk)
    {
        var run = new List<(long ChunkId, ChunkLocation Location)>();
        for (var chunkId = firstChunk; chunkId <= lastChunk + 1; chunkId++)
        {
            ChunkLocation? next = null;
            if (chunkId <= lastChunk && !_cache.Contains(new ChunkKey(this, chunkId)))
            {
                try
                {
                    next = Locate(chunkId);
                }
                catch (Aff4Exception)
                {
                    // The chunk's own read reports the problem; prefetching stays quiet.
                }
            }
            if (run.Count > 0 && (next is not { } n || n.Index != run[^1].Location.Index || n.Offset != run[^1].Location.Offset + run[^1].Location.Length))
            {
                if (run.Count > 1) FetchRun(run);
                run.Clear();
            }
            if (next is { } location) run.Add((chunkId, location));
        }
    }

    private void FetchRun(List<(long ChunkId, ChunkLocation Location)> run)
    {
        var first = run[0].Location;
        var total = (int)(run[^1].Location.Offset + run[^1].Location.Length - first.Offset);
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            first.Index.Data.ReadExactly(first.Offset, buffer.AsSpan(0, total));
            foreach (var (chunkId, location) in run)
                _cache.GetOrAdd(new ChunkKey(this, chunkId), (stream: this, chunkId, location, buffer, start: (int)(location.Offset - first.Offset)),
                    static s => s.stream.DecodeStored(s.chunkId, s.location, s.buffer.AsSpan(s.start, s.location.Length)));
        }
        catch (Aff4Exception)
        {
            // A chunk that fails to decode fails its own read below, with its own message.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Where chunk <paramref name="chunkId"/> is stored, checked against its bevy segment.</summary>
    private ChunkLocation Locate(long chunkId)
    {
        var bevy = chunkId / Layout.ChunksInSegment;
        var slot = (int)(chunkId % Layout.ChunksInSegment);
        var index = GetBevyIndex(bevy) ?? throw new Aff4Exception(
            $"bevy {bevy} (segment '{Urn}/{bevy:D8}') is in no opened volume: chunk {chunkId} cannot be read", member: Urn, offset: chunkId * ChunkSize);
        var file = index.Data.Volume.FilePath;
        if (slot >= index.Count)
            throw new Aff4Exception($"bevy index holds {index.Count} entries, chunk {chunkId} needs slot {slot}", file, index.Index.Member.Name);
        var (offset, length) = index[slot];
        if (length <= 0)
            throw new Aff4Exception($"chunk {chunkId} is absent (index entry {slot} has length {length})", file, index.Index.Member.Name, slot);
        if (offset < 0 || offset > index.Data.Length || length > index.Data.Length - offset)
            throw new Aff4Exception($"index entry {slot} (chunk {chunkId}, {length} bytes) points outside its {index.Data.Length}-byte segment", file, index.Data.Member.Name, offset);
        // No codec expands data by more than a sixth (snappy's worst case is 32 + n + n/6; deflate's is less).
        var maxStored = (long)ChunkSize + ChunkSize / 6 + 1024;
        if (length > maxStored)
            throw new Aff4Exception($"chunk {chunkId} is stored as {length} bytes, more than any codec produces for {ChunkSize}-byte chunks", file, index.Data.Member.Name, offset);
        return new ChunkLocation(index, offset, length);
    }

    private byte[] DecodeStored(long chunkId, ChunkLocation location, ReadOnlySpan<byte> stored)
    {
        var file = location.Index.Data.Volume.FilePath;
        var member = location.Index.Data.Member.Name;
        var expected = (int)Math.Min(ChunkSize, Length - chunkId * ChunkSize);
        var decoded = Decode(stored, expected, chunkId, file, member, location.Offset);
        if (decoded.Length < expected)
            throw new Aff4Exception($"chunk {chunkId} decoded to {decoded.Length} bytes, the stream needs {expected}", file, member, location.Offset);
        return decoded;
    }

    private readonly record struct ChunkLocation(BevyIndex Index, long Offset, int Length);

    private byte[] Decode(ReadOnlySpan<byte> stored, int expected, long chunkId, string file, string member, long offset)
    {
        if (IsStoredRaw(stored.Length)) return stored.ToArray();
        var method = Layout.Compression ?? GuessMethod(stored);
        if (method == CompressionMethod.Stored) return stored.ToArray();
        try
        {
            return ChunkCodecs.For(method).Decompress(stored, ChunkSize);
        }
        catch (InvalidDataException) when (stored.Length == ChunkSize || stored.Length == expected)
        {
            // Legacy writers compressed every chunk, c-aff4 stores an incompressible short final chunk raw:
            // a chunk that does not decode but has exactly the raw length is the raw bytes.
            return stored.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new Aff4Exception($"chunk {chunkId} ({method}, {stored.Length} bytes) cannot be decompressed: {e.Message}", file, member, offset, e);
        }
    }

    /// <summary>No compression stated: the standard means stored, c-aff4 and pyaff4 wrote zlib.</summary>
    private static CompressionMethod GuessMethod(ReadOnlySpan<byte> stored) =>
        DeflateCodec.HasZlibHeader(stored) ? CompressionMethod.Zlib : CompressionMethod.Stored;
}

/// <summary>How the chunks of an ImageStream are stored.</summary>
public sealed record ChunkStatistics(long Chunks, long Bevies, long IndexEntries, long StoredRaw, long Compressed, long Missing);

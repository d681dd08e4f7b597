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
    private readonly ConcurrentDictionary<long, Lazy<BevyIndex?>> _bevies = new();

    public ImageStream(string urn, ImageStreamLayout layout, VolumeSet volumes, ChunkCache cache)
    {
        if (layout.ChunkSize <= 0 || layout.ChunkSize > ImageStreamLayout.MaxChunkSize)
            throw new Aff4Exception($"chunk size {layout.ChunkSize} is outside 1..{ImageStreamLayout.MaxChunkSize}", member: urn);
        if (layout.ChunksInSegment <= 0 || layout.ChunksInSegment > ImageStreamLayout.MaxChunksInSegment)
            throw new Aff4Exception($"chunks per segment {layout.ChunksInSegment} is outside 1..{ImageStreamLayout.MaxChunksInSegment}", member: urn);
        if (layout.Size < 0) throw new Aff4Exception($"negative stream size {layout.Size}", member: urn);
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
        _bevies.GetOrAdd(bevy, b => new Lazy<BevyIndex?>(() => BevyIndex.Load(_volumes, Urn, b, Layout.ChunksInSegment))).Value;

    /// <summary>Counts chunks by how they are stored, loading every bevy index (for reports).</summary>
    public ChunkStatistics DescribeChunks()
    {
        long indexEntries = 0, raw = 0, compressed = 0, missing = 0;
        for (long bevy = 0; bevy < BevyCount; bevy++)
        {
            var index = GetBevyIndex(bevy);
            var chunksHere = (int)Math.Min(Layout.ChunksInSegment, Layout.ChunkCount - bevy * Layout.ChunksInSegment);
            if (index is null)
            {
                missing += chunksHere;
                continue;
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
        var bevy = chunkId / Layout.ChunksInSegment;
        var slot = (int)(chunkId % Layout.ChunksInSegment);
        var streamOffset = chunkId * ChunkSize;
        var index = GetBevyIndex(bevy) ?? throw new Aff4Exception(
            $"bevy {bevy} (segment '{Urn}/{bevy:D8}') is in no opened volume: chunk {chunkId} cannot be read", member: Urn, offset: streamOffset);
        var file = index.Data.Volume.FilePath;
        var member = index.Data.Member.Name;
        if (slot >= index.Count)
            throw new Aff4Exception($"bevy index holds {index.Count} entries, chunk {chunkId} needs slot {slot}", file, index.Index.Member.Name);
        var (offset, length) = index[slot];
        if (length <= 0)
            throw new Aff4Exception($"chunk {chunkId} is absent (index entry {slot} has length {length})", file, index.Index.Member.Name, slot);
        if (offset < 0 || offset > index.Data.Length || length > index.Data.Length - offset)
            throw new Aff4Exception($"index entry {slot} (chunk {chunkId}, {length} bytes) points outside its {index.Data.Length}-byte segment", file, member, offset);
        // No codec expands data by more than a sixth (snappy's worst case is 32 + n + n/6; deflate's is less).
        var maxStored = (long)ChunkSize + ChunkSize / 6 + 1024;
        if (length > maxStored)
            throw new Aff4Exception($"chunk {chunkId} is stored as {length} bytes, more than any codec produces for {ChunkSize}-byte chunks", file, member, offset);

        var stored = new byte[length];
        index.Data.ReadExactly(offset, stored);
        var expected = (int)Math.Min(ChunkSize, Length - streamOffset);
        var decoded = Decode(stored, expected, chunkId, file, member, offset);
        if (decoded.Length < expected)
            throw new Aff4Exception($"chunk {chunkId} decoded to {decoded.Length} bytes, the stream needs {expected}", file, member, offset);
        return decoded;
    }

    private byte[] Decode(byte[] stored, int expected, long chunkId, string file, string member, long offset)
    {
        if (IsStoredRaw(stored.Length)) return stored;
        var method = Layout.Compression ?? GuessMethod(stored);
        if (method == CompressionMethod.Stored) return stored;
        try
        {
            return ChunkCodecs.For(method).Decompress(stored, ChunkSize);
        }
        catch (InvalidDataException) when (stored.Length == ChunkSize || stored.Length == expected)
        {
            // Legacy writers compressed every chunk, c-aff4 stores an incompressible short final chunk raw:
            // a chunk that does not decode but has exactly the raw length is the raw bytes (aff4.md §3.5).
            return stored;
        }
        catch (InvalidDataException e)
        {
            throw new Aff4Exception($"chunk {chunkId} ({method}, {stored.Length} bytes) cannot be decompressed: {e.Message}", file, member, offset, e);
        }
    }

    /// <summary>No compression stated: the standard means stored, c-aff4 and pyaff4 wrote zlib.</summary>
    private static CompressionMethod GuessMethod(ReadOnlySpan<byte> stored) =>
        stored.Length >= 2 && (stored[0] & 0x0F) == 8 && (stored[0] >> 4) <= 7 && ((stored[0] << 8) | stored[1]) % 31 == 0
            ? CompressionMethod.Zlib
            : CompressionMethod.Stored;
}

/// <summary>How the chunks of an ImageStream are stored.</summary>
public sealed record ChunkStatistics(long Chunks, long Bevies, long IndexEntries, long StoredRaw, long Compressed, long Missing);

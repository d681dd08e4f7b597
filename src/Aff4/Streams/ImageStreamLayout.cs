using MemFs.Aff4.Codecs;

namespace MemFs.Aff4.Streams;

/// <summary>
/// What the metadata says about a chunked stream. <see cref="Compression"/> is null when no method
/// is stated (the standard then means "stored"; c-aff4 and pyaff4 meant zlib: detected per chunk).
/// <see cref="AlwaysCompressed"/> marks legacy Rekall/WinPmem 2.x streams, whose writers compressed every
/// chunk, so a stored length equal to the chunk size does not mean "raw" there.
/// </summary>
public sealed record ImageStreamLayout(long Size, int ChunkSize, int ChunksInSegment, CompressionMethod? Compression, bool AlwaysCompressed)
{
    /// <summary>Bounds that keep allocations sane whatever the metadata claims.</summary>
    public const int MaxChunkSize = 64 * 1024 * 1024;
    public const int MaxChunksInSegment = 1 << 22;

    public long ChunkCount => Size == 0 ? 0 : (Size - 1) / ChunkSize + 1;
}

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

    /// <summary>
    /// The smallest chunk any known writer uses (one sector) and the step chunk sizes come in: c-aff4, pyaff4 and
    /// aff4-cpp-lite write 32 KiB chunks, legacy afflib and the reference images also 512 B and 4 KiB. A smaller or
    /// ragged size is not a layout but a corrupt or hostile claim that would cost one chunk lookup per byte.
    /// </summary>
    public const int MinChunkSize = 512;
    public const int MaxChunksInSegment = 1 << 22;

    /// <summary>Why <paramref name="chunkSize"/> is not a chunk size any writer produces, or null when it is.</summary>
    public static string? ChunkSizeProblem(long chunkSize) =>
        chunkSize is >= MinChunkSize and <= MaxChunkSize && chunkSize % MinChunkSize == 0
            ? null
            : $"chunk size {chunkSize} is out of range: AFF4 writers use {MinChunkSize} B to {MaxChunkSize / (1024 * 1024)} MiB in multiples of {MinChunkSize} bytes";

    public long ChunkCount => Size == 0 ? 0 : (Size - 1) / ChunkSize + 1;
}

namespace MemFs.Aff4.Codecs;

/// <summary>Decompresses one ImageStream chunk. Implementations are stateless and safe to share between threads.</summary>
internal interface IChunkCodec
{
    CompressionMethod Method { get; }

    /// <summary>
    /// Returns the decompressed chunk as an array of exactly its length, which may be shorter than
    /// <paramref name="maxOutput"/> (the final chunk of a c-aff4 stream is not padded).
    /// <paramref name="maxOutput"/> is the chunk size and bounds every allocation; output that would
    /// exceed it, and any malformed input, throws <see cref="InvalidDataException"/> naming the byte
    /// offset inside <paramref name="compressed"/>.
    /// </summary>
    byte[] Decompress(ReadOnlySpan<byte> compressed, int maxOutput);
}

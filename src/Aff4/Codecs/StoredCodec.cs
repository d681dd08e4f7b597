namespace MemFs.Aff4.Codecs;

/// <summary>Chunks written without compression: the stored bytes are the chunk.</summary>
internal sealed class StoredCodec : IChunkCodec
{
    internal StoredCodec()
    {
    }

    public CompressionMethod Method => CompressionMethod.Stored;

    public byte[] Decompress(ReadOnlySpan<byte> compressed, int maxOutput)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutput);
        if (compressed.Length > maxOutput)
            throw new InvalidDataException(
                $"Stored chunk is {compressed.Length} bytes, more than the chunk size {maxOutput}; the excess starts at offset {maxOutput}.");
        return compressed.ToArray();
    }
}

namespace MemFs.Aff4.Codecs;

/// <summary>
/// Raw Snappy block (varint uncompressed length, then tagged elements; no framing, no CRC),
/// as written by Evimetry, c-aff4 and pyaff4.
/// </summary>
internal sealed class SnappyCodec : IChunkCodec
{
    // The uncompressed length is a uint32, so its varint takes at most 5 bytes.
    private const int MaxLengthBytes = 5;

    internal SnappyCodec()
    {
    }

    public CompressionMethod Method => CompressionMethod.Snappy;

    public byte[] Decompress(ReadOnlySpan<byte> compressed, int maxOutput)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutput);

        // The header is checked against the chunk size before anything is allocated for it.
        var (declared, headerLength) = ReadUncompressedLength(compressed);
        if (declared > (uint)maxOutput)
            throw new InvalidDataException(
                $"Snappy block declares {declared} uncompressed bytes at offset 0, more than the chunk size {maxOutput}.");

        byte[] output = GC.AllocateUninitializedArray<byte>((int)declared);
        int written;
        try
        {
            written = Snappier.Snappy.Decompress(compressed, output);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException(
                $"Snappy block is corrupt in its elements starting at offset {headerLength}: {e.Message}", e);
        }

        if (written != declared)
            throw new InvalidDataException(
                $"Snappy block decoded to {written} bytes but its header at offset 0 declares {declared}.");
        return output;
    }

    private static (uint Length, int HeaderLength) ReadUncompressedLength(ReadOnlySpan<byte> compressed)
    {
        uint length = 0;
        for (int i = 0; i < MaxLengthBytes; i++)
        {
            if (i >= compressed.Length)
                throw new InvalidDataException($"Snappy block ends at offset {i} inside its uncompressed-length varint.");
            byte b = compressed[i];
            if (i == MaxLengthBytes - 1 && b > 0x0F)
                throw new InvalidDataException($"Snappy uncompressed-length varint exceeds 32 bits at offset {i}.");
            length |= (uint)(b & 0x7F) << (7 * i);
            if (b < 0x80)
                return (length, i + 1);
        }
        throw new InvalidDataException($"Snappy uncompressed-length varint is longer than {MaxLengthBytes} bytes at offset 0.");
    }
}

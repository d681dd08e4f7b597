using System.IO.Compression;

namespace MemFs.Aff4.Codecs;

/// <summary>Inflates a zlib-wrapped (RFC 1950) or raw (RFC 1951) deflate stream that starts at offset 0 of a chunk.</summary>
internal static class ChunkInflater
{
    /// <summary>
    /// Stops at the end of the deflate stream and ignores what follows: c-aff4 leaves its output
    /// buffer untrimmed at deflateBound() length, so trailing bytes are padding, not data.
    /// </summary>
    public static unsafe byte[] Inflate(ReadOnlySpan<byte> compressed, int maxOutput, bool zlibWrapped)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutput);
        string format = zlibWrapped ? "zlib" : "raw deflate";
        if (compressed.IsEmpty)
            throw new InvalidDataException($"The {format} stream is empty: no bytes at offset 0.");

        byte[] output = GC.AllocateUninitializedArray<byte>(maxOutput);
        int written = 0;
        fixed (byte* start = compressed)
        {
            using var input = new ChunkInputStream(start, compressed.Length);
            using Stream inflater = zlibWrapped
                ? new ZLibStream(input, CompressionMode.Decompress)
                : new DeflateStream(input, CompressionMode.Decompress);
            Span<byte> probe = stackalloc byte[1];
            bool overflows;
            try
            {
                int read;
                while (written < maxOutput && (read = inflater.Read(output, written, maxOutput - written)) > 0)
                    written += read;
                overflows = written == maxOutput && inflater.Read(probe) > 0;
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException(
                    $"The {format} stream starting at offset 0 is corrupt before offset {input.Position}: {e.Message}", e);
            }

            if (overflows)
                throw new InvalidDataException(
                    $"The {format} stream starting at offset 0 inflates to more than the chunk size {maxOutput} " +
                    $"before offset {input.Position}.");
            if (input.ReadPastEnd)
                throw new InvalidDataException(
                    $"The {format} stream is truncated: it does not end before the end of the chunk at offset {compressed.Length}.");
        }

        return written == maxOutput ? output : output.AsSpan(0, written).ToArray();
    }
}

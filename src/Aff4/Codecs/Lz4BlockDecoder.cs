namespace MemFs.Aff4.Codecs;

/// <summary>
/// Decoder for the LZ4 block format (no frame header, no size prefix), as c-aff4, Evimetry and
/// pyaff4 store LZ4 chunks. A block is a run of sequences: a token (high nibble literal length,
/// low nibble match length − 4), the literals, a 2-byte little-endian match offset and the match;
/// the last sequence carries literals only. Public because the compressed-store page decoder in Translate uses it.
/// </summary>
public static class Lz4BlockDecoder
{
    private const int MinMatch = 4;
    private const int LengthNibbleMax = 15;

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> and returns the number
    /// of bytes written. Malformed input or output that does not fit throws
    /// <see cref="InvalidDataException"/> naming the offset in <paramref name="source"/>.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
            throw new InvalidDataException("LZ4 block is empty: no token at offset 0.");

        int read = 0;
        int written = 0;
        while (true)
        {
            int tokenOffset = read;
            int token = source[read++];

            int literalLength = token >> 4;
            if (literalLength == LengthNibbleMax)
                literalLength = ReadLengthContinuation(source, ref read, literalLength);
            if (literalLength > source.Length - read)
                throw new InvalidDataException(
                    $"LZ4 literal run of {literalLength} bytes at offset {read} runs past the end of the block at offset {source.Length}.");
            if (literalLength > destination.Length - written)
                throw new InvalidDataException(
                    $"LZ4 literal run of {literalLength} bytes at offset {read} overflows the output of {destination.Length} bytes.");
            source.Slice(read, literalLength).CopyTo(destination[written..]);
            read += literalLength;
            written += literalLength;

            if (read == source.Length)
                return written;

            if (source.Length - read < 2)
                throw new InvalidDataException($"LZ4 block ends inside the match offset at offset {read}.");
            int matchOffset = source[read] | (source[read + 1] << 8);
            if (matchOffset == 0)
                throw new InvalidDataException($"LZ4 match offset 0 at offset {read} is invalid.");
            if (matchOffset > written)
                throw new InvalidDataException(
                    $"LZ4 match offset {matchOffset} at offset {read} reaches before the start of the output ({written} bytes written).");
            int matchOffsetAt = read;
            read += 2;

            int matchLength = token & 0x0F;
            if (matchLength == LengthNibbleMax)
                matchLength = ReadLengthContinuation(source, ref read, matchLength);
            matchLength += MinMatch;
            if (matchLength > destination.Length - written)
                throw new InvalidDataException(
                    $"LZ4 match of {matchLength} bytes (sequence at offset {tokenOffset}, match offset at {matchOffsetAt}) " +
                    $"overflows the output of {destination.Length} bytes.");
            LzMatch.Copy(destination, written, matchOffset, matchLength);
            written += matchLength;

            if (read == source.Length)
                throw new InvalidDataException(
                    $"LZ4 block ends after a match at offset {read}; the last sequence must carry literals only.");
        }
    }

    // A length nibble of 15 continues in the following bytes: each adds its value, and 255 means another follows.
    private static int ReadLengthContinuation(ReadOnlySpan<byte> source, ref int read, int length)
    {
        int b;
        do
        {
            if (read >= source.Length)
                throw new InvalidDataException($"LZ4 block ends inside a length continuation at offset {read}.");
            b = source[read++];
            length += b;
            if (length > Array.MaxLength)
                throw new InvalidDataException($"LZ4 length continuation ending at offset {read} exceeds {Array.MaxLength}.");
        }
        while (b == byte.MaxValue);
        return length;
    }
}

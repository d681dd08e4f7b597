using System.Buffers.Binary;
using MemFs.Aff4.Codecs;

namespace MemFs.Translate.Paging.Compression;

/// <summary>
/// Decoder for plain XPRESS ([MS-XCA] §2.4 "Plain LZ77 Decompression", COMPRESSION_FORMAT_XPRESS = 3), the format
/// of the Windows 10 compressed store before build 26100. The stream is groups of a 32-bit little-endian flag word
/// and the 32 items it describes, most significant bit first: 0 = one literal byte, 1 = a 16-bit match word
/// (offset − 1 in bits 3–15, length − 3 in bits 0–2). A length field of 7 escapes to a nibble (two matches share
/// one byte, low nibble first), 15 there to a byte, 255 there to a 16-bit length − 3 and 0 there to a 32-bit one.
/// A set flag at the end of the input ends the stream.
/// </summary>
internal static class XpressDecoder
{
    private const int MinMatch = 3;
    private const int FieldEscape = 7;
    private const int NibbleEscape = 15;
    private const int ByteEscape = 255;

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/> and returns the number of bytes
    /// written. The stream ends at its end marker, or when it fills <paramref name="destination"/> exactly and the
    /// input ends at a flag word. A match reaching before the output, an item that does not fit the destination,
    /// a truncated stream or a bad length escape throws <see cref="InvalidDataException"/> naming the offset in
    /// <paramref name="source"/>.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int read = 0;
        int written = 0;
        uint flags = 0;
        int flagsLeft = 0;
        int sharedNibbleAt = -1;
        while (true)
        {
            if (flagsLeft == 0)
            {
                if (read == source.Length && written == destination.Length)
                    return written;
                if (source.Length - read < 4)
                    throw new InvalidDataException(
                        $"XPRESS stream ends inside a flag word at offset {read} ({source.Length - read} of 4 bytes, {written} bytes written).");
                flags = BinaryPrimitives.ReadUInt32LittleEndian(source[read..]);
                read += 4;
                flagsLeft = 32;
            }
            flagsLeft--;

            if ((flags & (1u << flagsLeft)) == 0)
            {
                if (read == source.Length)
                    throw new InvalidDataException($"XPRESS stream ends where a literal was due at offset {read} ({written} bytes written).");
                if (written == destination.Length)
                    throw new InvalidDataException($"XPRESS literal at offset {read} overflows the output of {destination.Length} bytes.");
                destination[written++] = source[read++];
                continue;
            }

            if (read == source.Length)
                return written;

            int matchAt = read;
            if (source.Length - read < 2)
                throw new InvalidDataException($"XPRESS stream ends inside the match word at offset {read}.");
            int word = BinaryPrimitives.ReadUInt16LittleEndian(source[read..]);
            read += 2;
            int offset = (word >> 3) + 1;
            long length = ReadLength(source, ref read, word & 7, ref sharedNibbleAt, matchAt);

            if (offset > written)
                throw new InvalidDataException(
                    $"XPRESS match at offset {matchAt} reaches {offset} bytes back, before the start of the output ({written} bytes written).");
            if (length > destination.Length - written)
                throw new InvalidDataException(
                    $"XPRESS match of {length} bytes at offset {matchAt} overflows the output of {destination.Length} bytes ({written} written).");
            LzMatch.Copy(destination, written, offset, (int)length);
            written += (int)length;
        }
    }

    // The full match length from the 3-bit field and its escapes (MS-XCA §2.4.4).
    private static long ReadLength(ReadOnlySpan<byte> source, ref int read, int field, ref int sharedNibbleAt, int matchAt)
    {
        if (field < FieldEscape)
            return field + MinMatch;

        int nibble;
        if (sharedNibbleAt < 0)
        {
            if (read == source.Length)
                throw new InvalidDataException($"XPRESS stream ends inside the length nibble of the match at offset {matchAt}.");
            nibble = source[read] & 0x0F;
            sharedNibbleAt = read++;
        }
        else
        {
            nibble = source[sharedNibbleAt] >> 4;
            sharedNibbleAt = -1;
        }
        if (nibble < NibbleEscape)
            return nibble + FieldEscape + MinMatch;

        if (read == source.Length)
            throw new InvalidDataException($"XPRESS stream ends inside the length byte of the match at offset {matchAt}.");
        int extra = source[read++];
        if (extra < ByteEscape)
            return extra + NibbleEscape + FieldEscape + MinMatch;

        if (source.Length - read < 2)
            throw new InvalidDataException($"XPRESS stream ends inside the 16-bit length of the match at offset {matchAt}.");
        long wide = BinaryPrimitives.ReadUInt16LittleEndian(source[read..]);
        int wideAt = read;
        read += 2;
        if (wide == 0)
        {
            if (source.Length - read < 4)
                throw new InvalidDataException($"XPRESS stream ends inside the 32-bit length of the match at offset {matchAt}.");
            wide = BinaryPrimitives.ReadUInt32LittleEndian(source[read..]);
            wideAt = read;
            read += 4;
        }
        // The wide forms carry the whole length − 3, so anything the shorter forms could say is malformed.
        if (wide < NibbleEscape + FieldEscape)
            throw new InvalidDataException(
                $"XPRESS wide match length {wide} at offset {wideAt} is below {NibbleEscape + FieldEscape}, which the shorter forms encode.");
        return wide + MinMatch;
    }
}

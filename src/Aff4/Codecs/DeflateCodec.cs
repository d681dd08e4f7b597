namespace MemFs.Aff4.Codecs;

/// <summary>
/// Chunks under the RFC 1951 IRI. The IRI is ambiguous: the Evimetry family writes raw deflate,
/// while c-aff4 (WinPmem 3.3's default) writes a zlib-wrapped stream under it. The first two bytes
/// decide which to try first, and a failure tries the other.
/// </summary>
internal sealed class DeflateCodec : IChunkCodec
{
    internal DeflateCodec()
    {
    }

    public CompressionMethod Method => CompressionMethod.Deflate;

    public byte[] Decompress(ReadOnlySpan<byte> compressed, int maxOutput)
    {
        bool zlibFirst = HasZlibHeader(compressed);
        try
        {
            return ChunkInflater.Inflate(compressed, maxOutput, zlibWrapped: zlibFirst);
        }
        catch (InvalidDataException first)
        {
            try
            {
                return ChunkInflater.Inflate(compressed, maxOutput, zlibWrapped: !zlibFirst);
            }
            catch (InvalidDataException second)
            {
                throw new InvalidDataException($"{first.Message} Read the other way: {second.Message}", first);
            }
        }
    }

    // RFC 1950 §2.2: CM = 8 (deflate), CINFO <= 7 (window <= 32 KiB), and CMF*256 + FLG a multiple of 31.
    internal static bool HasZlibHeader(ReadOnlySpan<byte> compressed) =>
        compressed.Length >= 2
        && (compressed[0] & 0x0F) == 8
        && (compressed[0] >> 4) <= 7
        && ((compressed[0] << 8) | compressed[1]) % 31 == 0;
}

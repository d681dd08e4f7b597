using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// Gzip with a header written here rather than by zlib: modification time 0 and OS byte 255 (unknown), so the same
/// input gives the same bytes on every machine (zlib writes the building platform's OS code).
/// </summary>
internal static class DeterministicGzip
{
    private static ReadOnlySpan<byte> Header => [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 0xFF];

    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B;

    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        output.Write(Header);
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true)) deflate.Write(data);
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.HashToUInt32(data));
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)data.Length);
        output.Write(trailer);
        return output.ToArray();
    }

    public static byte[] Decompress(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}

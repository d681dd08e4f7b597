using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace MemFs.Vfs.Pictures;

/// <summary>
/// Writes an <see cref="RgbImage"/> as a PNG file: 8-bit truecolour (colour type 2), no interlace, every row with
/// filter type 0 (none) and the rows deflated into one zlib stream, split over IDAT chunks of at most
/// <see cref="MaxIdatLength"/> bytes. The image's own bounds limit the memory this takes.
/// </summary>
internal static class PngEncoder
{
    public const int MaxIdatLength = 1 << 16;

    private const byte BitDepth = 8;
    private const byte TruecolourType = 2;
    private const byte NoFilter = 0;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(RgbImage image)
    {
        using var png = new MemoryStream();
        png.Write(Signature);
        WriteChunk(png, "IHDR"u8, Header(image));
        using (var compressed = Deflate(image))
        {
            var data = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
            for (var at = 0; at < data.Length; at += MaxIdatLength)
                WriteChunk(png, "IDAT"u8, data.Slice(at, Math.Min(MaxIdatLength, data.Length - at)));
        }
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte[] Header(RgbImage image)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), image.Height);
        header[8] = BitDepth;
        header[9] = TruecolourType;
        // Bytes 10-12 stay 0: deflate compression, adaptive filtering (method 0), no interlace.
        return header;
    }

    private static MemoryStream Deflate(RgbImage image)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var line = new byte[1 + image.Width * 3];
            line[0] = NoFilter;
            for (var y = 0; y < image.Height; y++)
            {
                image.Row(y).CopyTo(line.AsSpan(1));
                zlib.Write(line);
            }
        }
        return compressed;
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        png.Write(word);
    }
}

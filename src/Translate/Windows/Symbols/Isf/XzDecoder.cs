using SharpCompress.Compressors.Xz;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>
/// Decodes an .xz file held in memory with SharpCompress's managed xz decoder. The output is bounded: an ntkrnlmp ISF
/// is about 7 MB of JSON, so anything past <see cref="DefaultMaxOutput"/> is refused rather than allocated.
/// </summary>
internal static unsafe class XzDecoder
{
    public const int DefaultMaxOutput = 64 << 20;

    // The xz stream header's magic bytes (The .xz File Format 1.2.1, §2.1.1.1).
    private static ReadOnlySpan<byte> Magic => [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];

    public static bool IsXz(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    public static byte[] Decompress(ReadOnlySpan<byte> input, int maxOutput = DefaultMaxOutput)
    {
        if (!IsXz(input)) throw new IsfFormatException("not xz data: no xz stream header magic at offset 0");
        fixed (byte* start = input)
        {
            using var source = new UnmanagedMemoryStream(start, input.Length);
            try
            {
                using var xz = new XZStream(source);
                return BoundedDecompression.ReadAll(xz, maxOutput, "xz");
            }
            catch (Exception e) when (e is not IsfFormatException and not OutOfMemoryException)
            {
                throw new IsfFormatException($"corrupt xz data (stopped at offset {source.Position} of {input.Length}): {e.Message}", e);
            }
        }
    }
}

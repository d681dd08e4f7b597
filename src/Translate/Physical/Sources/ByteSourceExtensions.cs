using MemFs.Aff4.Binary;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Physical.Sources;

internal static class ByteSourceExtensions
{
    /// <summary>Reads exactly <c>destination.Length</c> bytes or throws, naming the source, offset and what was being read.</summary>
    public static void ReadExactly(this IByteSource source, long offset, Span<byte> destination, string what)
    {
        if (offset < 0 || offset > source.Length || destination.Length > source.Length - offset)
            throw new ImageFormatException(source.Name, offset, $"{what} ({destination.Length} bytes) lies past the end of the file (0x{source.Length:X} bytes; truncated?)");
        var got = source.Read(offset, destination);
        if (got != destination.Length)
            throw new ImageFormatException(source.Name, offset, $"{what}: only {got} of {destination.Length} bytes could be read");
    }

    /// <summary>A header structure of known, small size.</summary>
    public static byte[] ReadBlock(this IByteSource source, long offset, int length, string what)
    {
        var block = new byte[length];
        source.ReadExactly(offset, block, what);
        return block;
    }

    /// <summary>
    /// <paramref name="structure"/>'s <paramref name="length"/> bytes at <paramref name="offset"/>, as a reader whose
    /// errors are <see cref="ImageFormatException"/>s naming this source.
    /// </summary>
    public static BoundedReader ReadStructure(this IByteSource source, long offset, int length, string structure) =>
        ImageReader.Over(source.ReadBlock(offset, length, structure), source.Name, offset, structure);
}

using MemFs.Aff4.Binary;

namespace MemFs.Translate.Physical;

/// <summary>Readers over image bytes whose out-of-window errors are <see cref="ImageFormatException"/>s.</summary>
public static class ImageReader
{
    /// <param name="origin">Absolute offset of <paramref name="bytes"/>[0] in <paramref name="file"/>.</param>
    public static BoundedReader Over(ReadOnlySpan<byte> bytes, string file, long origin, string structure) =>
        new(bytes, file, origin, structure, ImageFormatException.Create);
}

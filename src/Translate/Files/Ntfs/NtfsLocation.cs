using MemFs.Aff4.Binary;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>Where a structure lies on the disk image, so errors name the image, byte offset and structure.</summary>
internal readonly record struct NtfsLocation(string Image, long Offset, string Structure)
{
    public ImageFormatException Error(long relative, string problem) => new(Image, Offset + relative, $"{Structure}: {problem}");

    /// <summary>The structure's bytes, which start at <see cref="Offset"/>, as a reader that names this location when a field lies past them.</summary>
    public BoundedReader Reader(ReadOnlySpan<byte> bytes) => ImageReader.Over(bytes, Image, Offset, Structure);
}

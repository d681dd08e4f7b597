namespace MemFs.Translate.Physical;

/// <summary>
/// An image whose structure is wrong or that cannot supply bytes it claims to hold. The message names the
/// file, the offset and the field, so the evidence can be checked by hand. An <see cref="IOException"/>,
/// so hosts report it as EIO for the range being read.
/// </summary>
internal sealed class ImageFormatException(string file, long? offset, string problem)
    : IOException(offset is null ? $"{file}: {problem}" : $"{file}, offset 0x{offset:X}: {problem}")
{
    public string FilePath { get; } = file;
    public long? Offset { get; } = offset;
    public string Problem { get; } = problem;

    /// <summary>The error of a <see cref="MemFs.Aff4.Binary.BoundedReader"/> over image bytes.</summary>
    public static Exception Create(string file, long offset, string problem) => new ImageFormatException(file, offset, problem);
}

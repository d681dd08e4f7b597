using MemFs.Aff4.Binary;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// IMAGE_OPTIONAL_HEADER's SizeOfHeaders, FileAlignment and SectionAlignment (how the file on disk is laid out), and
/// ImageBase (the base the file's absolute addresses assume) with the header offset it sits at.
/// </summary>
public readonly record struct PeFileAlignment(uint SizeOfHeaders, uint FileAlignment, uint SectionAlignment, ulong ImageBase = 0, int ImageBaseOffset = 0)
{
    // IMAGE_OPTIONAL_HEADER32 / IMAGE_OPTIONAL_HEADER64 (PE format, "Optional Header Windows-Specific Fields"): these
    // three sit at the same offsets in both; ImageBase is 4 bytes at +28 in PE32 and 8 bytes at +24 in PE32+.
    private const int SectionAlignmentField = 32;
    private const int FileAlignmentField = 36;
    private const int SizeOfHeadersField = 60;
    private const int ImageBase32 = 28;
    private const int ImageBase64 = 24;

    /// <summary>The fields of <paramref name="optional"/>, whose first byte is at header offset <see cref="BoundedReader.Origin"/>.</summary>
    internal static PeFileAlignment Read(BoundedReader optional, bool is64)
    {
        var imageBaseAt = is64 ? ImageBase64 : ImageBase32;
        var imageBase = is64 ? optional.U64(imageBaseAt, "ImageBase") : optional.U32(imageBaseAt, "ImageBase");
        return new PeFileAlignment(SizeOfHeaders: optional.U32(SizeOfHeadersField, "SizeOfHeaders"),
            FileAlignment: optional.U32(FileAlignmentField, "FileAlignment"), SectionAlignment: optional.U32(SectionAlignmentField, "SectionAlignment"),
            ImageBase: imageBase, ImageBaseOffset: (int)optional.Origin + imageBaseAt);
    }
}

using MemFs.Aff4.Binary;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>
/// The 30-byte local file header. Only its signature and its own name and extra lengths are used: AFF4
/// writers leave sizes and CRC to data descriptors, and the local extra differs from the central one
/// (Evimetry: a 20-byte Zip64 field of 0xFF; c-aff4: 32 bytes).
/// </summary>
internal static class LocalFileHeader
{
    public const uint Signature = 0x04034B50;
    public const int FixedSize = 30;

    // APPNOTE.TXT 4.3.7: local file header.
    private const int SignatureField = 0;
    private const int FileNameLength = 26;
    private const int ExtraFieldLength = 28;

    /// <summary>Absolute file position of the member's data, checked to lie inside the file.</summary>
    public static long FindDataStart(SafeFileHandle file, string path, long fileLength, ZipMember member, long globalOffset)
    {
        var position = member.LocalHeaderOffset + globalOffset;
        if (position > fileLength - FixedSize)
            throw new Aff4Exception("local file header lies outside the file", path, member.Name, position);
        Span<byte> header = stackalloc byte[FixedSize];
        FileRead.Exactly(file, header, position, path, member.Name, "the local file header");
        var h = new BoundedReader(header, path, position, "local file header", Aff4Exception.Create);
        var signature = h.U32(SignatureField, "Signature");
        if (signature != Signature)
            throw new Aff4Exception($"bad local file header signature 0x{signature:X8}", path, member.Name, position);
        var start = position + FixedSize + h.U16(FileNameLength) + h.U16(ExtraFieldLength);
        if (start > fileLength - member.CompressedSize)
            throw new Aff4Exception($"member data (0x{start:X}, {member.CompressedSize} bytes) runs past the end of the file of {fileLength} bytes",
                path, member.Name, start);
        return start;
    }
}

using MemFs.Aff4.Binary;

namespace MemFs.Aff4.Container;

/// <summary>A central-directory file header: 46 bytes plus name, extra field and comment.</summary>
internal static class CentralDirectoryFileHeader
{
    public const uint Signature = 0x02014B50;
    public const int FixedSize = 46;

    // APPNOTE.TXT 4.3.12: central directory file header.
    private const int SignatureField = 0;
    private const int GeneralPurposeFlags = 8;
    private const int CompressionMethod = 10;
    private const int Crc32 = 16;
    private const int CompressedSize = 20;
    private const int UncompressedSize = 24;
    private const int FileNameLength = 28;
    private const int ExtraFieldLength = 30;
    private const int FileCommentLength = 32;
    private const int LocalHeaderOffset = 42;

    /// <summary>
    /// Parses the entry at <paramref name="position"/> in the central directory bytes <paramref name="directory"/>
    /// and advances <paramref name="position"/> past it.
    /// </summary>
    public static ZipMember Read(ReadOnlySpan<byte> directory, ref int position, int index, CentralDirectoryLocation location,
        long fileLength, string path)
    {
        var at = location.Start + position;
        if (directory.Length - position < FixedSize)
            throw new Aff4Exception($"central directory entry #{index} is truncated ({directory.Length - position} of {FixedSize} bytes)",
                path, null, at);
        var header = new BoundedReader(directory[position..], path, at, $"central directory entry #{index}", Aff4Exception.Create);
        var signature = header.U32(SignatureField, "Signature");
        if (signature != Signature)
            throw new Aff4Exception($"bad central directory file header signature 0x{signature:X8} in entry #{index}",
                path, null, at);
        var nameLength = header.U16(FileNameLength);
        var extraLength = header.U16(ExtraFieldLength);
        var commentLength = header.U16(FileCommentLength);
        var total = FixedSize + nameLength + extraLength + commentLength;
        if (total > header.Length)
            throw new Aff4Exception($"central directory entry #{index} (name, extra field and comment: {total - FixedSize} bytes) runs past the end of the central directory",
                path, null, at);

        var name = ZipText.Decode(header.Bytes(FixedSize, nameLength, "FileName"));
        ulong compressed = header.U32(CompressedSize);
        ulong uncompressed = header.U32(UncompressedSize);
        ulong localHeader = header.U32(LocalHeaderOffset);
        var problem = Zip64ExtendedInformation.Apply(header.Bytes(FixedSize + nameLength, extraLength, "ExtraField"),
            ref uncompressed, ref compressed, ref localHeader);
        if (problem is not null) throw new Aff4Exception(problem, path, name, at + FixedSize + nameLength);

        // Every value is bounded by the file length, so the sums below cannot overflow.
        if (compressed > (ulong)fileLength || localHeader > (ulong)fileLength)
            throw new Aff4Exception($"member data (local header 0x{localHeader:X}, {compressed} bytes) lies outside the file of {fileLength} bytes",
                path, name, at);
        if ((long)localHeader + location.GlobalOffset + LocalFileHeader.FixedSize + (long)compressed > fileLength)
            throw new Aff4Exception($"member data (local header 0x{localHeader:X}, {compressed} bytes) runs past the end of the file",
                path, name, (long)localHeader + location.GlobalOffset);
        if (uncompressed > long.MaxValue)
            throw new Aff4Exception($"uncompressed size 0x{uncompressed:X} is out of range", path, name, at);

        position += total;
        return new ZipMember(
            name,
            CompressionMethod: header.U16(CompressionMethod),
            CompressedSize: (long)compressed,
            UncompressedSize: (long)uncompressed,
            LocalHeaderOffset: (long)localHeader,
            Crc32: header.U32(Crc32),
            Flags: header.U16(GeneralPurposeFlags),
            CentralDirectoryIndex: index);
    }
}

using System.Buffers.Binary;

namespace MemFs.Aff4.Container;

/// <summary>A central-directory file header: 46 bytes plus name, extra field and comment.</summary>
internal static class CentralDirectoryFileHeader
{
    public const uint Signature = 0x02014B50;
    public const int FixedSize = 46;

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
        var header = directory[position..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Signature)
            throw new Aff4Exception($"bad central directory file header signature 0x{BinaryPrimitives.ReadUInt32LittleEndian(header):X8} in entry #{index}",
                path, null, at);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
        var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
        var total = FixedSize + nameLength + extraLength + commentLength;
        if (total > header.Length)
            throw new Aff4Exception($"central directory entry #{index} (name, extra field and comment: {total - FixedSize} bytes) runs past the end of the central directory",
                path, null, at);

        var name = ZipText.Decode(header.Slice(FixedSize, nameLength));
        ulong compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
        ulong uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
        ulong localHeader = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
        var problem = Zip64ExtendedInformation.Apply(header.Slice(FixedSize + nameLength, extraLength),
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
            CompressionMethod: BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
            CompressedSize: (long)compressed,
            UncompressedSize: (long)uncompressed,
            LocalHeaderOffset: (long)localHeader,
            Crc32: BinaryPrimitives.ReadUInt32LittleEndian(header[16..]),
            Flags: BinaryPrimitives.ReadUInt16LittleEndian(header[8..]),
            CentralDirectoryIndex: index);
    }
}

namespace MemFs.Aff4.Container;

/// <summary>
/// One Zip member (AFF4 segment) as described by its central-directory entry, with the Zip64 extra
/// field already applied. <see cref="LocalHeaderOffset"/> is zip-relative, as stored: add the volume's
/// <see cref="ZipVolume.GlobalOffset"/> for the file position. <see cref="CentralDirectoryIndex"/> is the
/// entry's position in the central directory.
/// </summary>
public sealed record ZipMember(
    string Name,
    int CompressionMethod,
    long CompressedSize,
    long UncompressedSize,
    long LocalHeaderOffset,
    uint Crc32,
    int Flags,
    int CentralDirectoryIndex)
{
    public const int MethodStored = 0;
    public const int MethodDeflated = 8;

    public bool IsStored => CompressionMethod == MethodStored;
    public bool IsDeflated => CompressionMethod == MethodDeflated;
    public bool IsEncrypted => (Flags & 0x0001) != 0;
}

using MemFs.Aff4.Binary;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>The Zip64 end-of-central-directory record (56 bytes; AFF4 writers add no extensible data).</summary>
internal sealed record Zip64EndOfCentralDirectory(long Position, long EntriesTotal, long CentralDirectorySize, long CentralDirectoryOffset)
{
    public const uint Signature = 0x06064B50;
    public const int Size = 56;

    // APPNOTE.TXT 4.3.14: Zip64 end-of-central-directory record.
    private const int TotalEntries = 32;
    private const int DirectorySize = 40;
    private const int DirectoryOffset = 48;

    public static Zip64EndOfCentralDirectory Read(SafeFileHandle file, long position, string path)
    {
        Span<byte> record = stackalloc byte[Size];
        FileRead.Exactly(file, record, position, path, null, "the Zip64 end-of-central-directory record");
        var r = new BoundedReader(record, path, position, "Zip64 end-of-central-directory record", Aff4Exception.Create);
        return new Zip64EndOfCentralDirectory(
            position,
            ToLong(r.U64(TotalEntries), "entry count", position + TotalEntries, path),
            ToLong(r.U64(DirectorySize), "central directory size", position + DirectorySize, path),
            ToLong(r.U64(DirectoryOffset), "central directory offset", position + DirectoryOffset, path));
    }

    private static long ToLong(ulong value, string field, long offset, string path) =>
        value <= long.MaxValue
            ? (long)value
            : throw new Aff4Exception($"Zip64 end-of-central-directory {field} 0x{value:X} is out of range", path, null, offset);
}

using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>The Zip64 end-of-central-directory record (56 bytes; AFF4 writers add no extensible data).</summary>
internal sealed record Zip64EndOfCentralDirectory(long Position, long EntriesTotal, long CentralDirectorySize, long CentralDirectoryOffset)
{
    public const uint Signature = 0x06064B50;
    public const int Size = 56;

    public static Zip64EndOfCentralDirectory Read(SafeFileHandle file, long position, string path)
    {
        Span<byte> record = stackalloc byte[Size];
        FileRead.Exactly(file, record, position, path, null, "the Zip64 end-of-central-directory record");
        return new Zip64EndOfCentralDirectory(
            position,
            ToLong(BinaryPrimitives.ReadUInt64LittleEndian(record[32..]), "entry count", position + 32, path),
            ToLong(BinaryPrimitives.ReadUInt64LittleEndian(record[40..]), "central directory size", position + 40, path),
            ToLong(BinaryPrimitives.ReadUInt64LittleEndian(record[48..]), "central directory offset", position + 48, path));
    }

    private static long ToLong(ulong value, string field, long offset, string path) =>
        value <= long.MaxValue
            ? (long)value
            : throw new Aff4Exception($"Zip64 end-of-central-directory {field} 0x{value:X} is out of range", path, null, offset);
}

using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>The 20-byte Zip64 locator that sits immediately before the end-of-central-directory record.</summary>
internal sealed record Zip64EndOfCentralDirectoryLocator(long Position, ulong Zip64RecordOffset)
{
    public const uint Signature = 0x07064B50;
    public const int Size = 20;

    public static Zip64EndOfCentralDirectoryLocator Read(SafeFileHandle file, long position, string path)
    {
        Span<byte> record = stackalloc byte[Size];
        FileRead.Exactly(file, record, position, path, null, "the Zip64 end-of-central-directory locator");
        return new Zip64EndOfCentralDirectoryLocator(position, BinaryPrimitives.ReadUInt64LittleEndian(record[8..]));
    }
}

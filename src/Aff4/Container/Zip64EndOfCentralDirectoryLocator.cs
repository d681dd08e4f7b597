using MemFs.Aff4.Binary;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Aff4.Container;

/// <summary>The 20-byte Zip64 locator that sits immediately before the end-of-central-directory record.</summary>
internal sealed record Zip64EndOfCentralDirectoryLocator(long Position, ulong Zip64RecordOffset)
{
    public const uint Signature = 0x07064B50;
    public const int Size = 20;

    // APPNOTE.TXT 4.3.15: relative offset of the Zip64 end-of-central-directory record.
    private const int Zip64RecordOffsetField = 8;

    public static Zip64EndOfCentralDirectoryLocator Read(SafeFileHandle file, long position, string path)
    {
        Span<byte> record = stackalloc byte[Size];
        FileRead.Exactly(file, record, position, path, null, "the Zip64 end-of-central-directory locator");
        var r = new BoundedReader(record, path, position, "Zip64 end-of-central-directory locator", Aff4Exception.Create);
        return new Zip64EndOfCentralDirectoryLocator(position, r.U64(Zip64RecordOffsetField, "Zip64RecordOffset"));
    }
}

namespace MemFs.Translate.Files.Ntfs;

/// <summary>An MFT reference: 48-bit record number and 16-bit sequence number.</summary>
internal readonly record struct NtfsFileReference(long RecordNumber, ushort Sequence)
{
    public static NtfsFileReference From(ulong raw) => new((long)(raw & 0xFFFF_FFFF_FFFF), (ushort)(raw >> 48));
}

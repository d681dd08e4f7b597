namespace MemFs.Translate.Files.Ntfs;

[Flags]
internal enum NtfsAttributeFlags : ushort
{
    None = 0,
    Compressed = 0x0001,
    Encrypted = 0x4000,
    Sparse = 0x8000,
}

namespace MemFs.Translate.Files.Ntfs;

/// <summary>Attribute type codes of an MFT record (only those this reader uses).</summary>
internal enum NtfsAttributeType : uint
{
    StandardInformation = 0x10,
    AttributeList = 0x20,
    FileName = 0x30,
    Data = 0x80,
    IndexRoot = 0x90,
    IndexAllocation = 0xA0,
    Bitmap = 0xB0,
    End = 0xFFFFFFFF,
}

using MemFs.Aff4.Binary;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>One IMAGE_DEBUG_DIRECTORY entry: its type and where its data lies in the loaded image.</summary>
internal readonly record struct PeDebugEntry(uint Type, uint SizeOfData, uint AddressOfRawData)
{
    /// <summary>sizeof(IMAGE_DEBUG_DIRECTORY).</summary>
    public const int EntrySize = 28;

    /// <summary>IMAGE_DEBUG_TYPE_CODEVIEW.</summary>
    public const uint CodeView = 2;

    // IMAGE_DEBUG_DIRECTORY (PE format, "Debug Directory (Image Only)").
    private const int TypeField = 12;
    private const int SizeOfDataField = 16;
    private const int AddressOfRawDataField = 20;

    public static PeDebugEntry Read(BoundedReader entry) =>
        new(entry.U32(TypeField, "Type"), entry.U32(SizeOfDataField, "SizeOfData"), entry.U32(AddressOfRawDataField, "AddressOfRawData"));
}

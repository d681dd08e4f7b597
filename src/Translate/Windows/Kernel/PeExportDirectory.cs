using MemFs.Aff4.Binary;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>The IMAGE_EXPORT_DIRECTORY counts and the RVAs of its three arrays.</summary>
internal readonly record struct PeExportDirectory(uint NumberOfFunctions, uint NumberOfNames, uint AddressOfFunctions, uint AddressOfNames, uint AddressOfNameOrdinals)
{
    /// <summary>sizeof(IMAGE_EXPORT_DIRECTORY).</summary>
    public const int Size = 40;

    // IMAGE_EXPORT_DIRECTORY (PE format, "Export Directory Table").
    private const int NumberOfFunctionsField = 0x14;
    private const int NumberOfNamesField = 0x18;
    private const int AddressOfFunctionsField = 0x1C;
    private const int AddressOfNamesField = 0x20;
    private const int AddressOfNameOrdinalsField = 0x24;

    public static PeExportDirectory Read(BoundedReader directory) =>
        new(directory.U32(NumberOfFunctionsField, "NumberOfFunctions"), directory.U32(NumberOfNamesField, "NumberOfNames"),
            directory.U32(AddressOfFunctionsField, "AddressOfFunctions"), directory.U32(AddressOfNamesField, "AddressOfNames"),
            directory.U32(AddressOfNameOrdinalsField, "AddressOfNameOrdinals"));
}

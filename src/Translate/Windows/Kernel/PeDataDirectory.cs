using MemFs.Aff4.Binary;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>One IMAGE_DATA_DIRECTORY: an RVA and a size.</summary>
public readonly record struct PeDataDirectory(uint Rva, uint Size)
{
    public const int Export = 0;
    /// <summary>The attribute certificate table: its "RVA" is a file offset, past the sections (the overlay).</summary>
    public const int Security = 4;
    public const int BaseRelocation = 5;
    public const int Debug = 6;

    /// <summary>sizeof(IMAGE_DATA_DIRECTORY).</summary>
    public const int EntrySize = 8;

    // IMAGE_DATA_DIRECTORY (PE format, "Optional Header Data Directories").
    private const int VirtualAddressField = 0;
    private const int SizeField = 4;

    /// <summary>The directory entry at <paramref name="offset"/> of the optional header <paramref name="optional"/>.</summary>
    internal static PeDataDirectory Read(BoundedReader optional, long offset) =>
        new(optional.U32(offset + VirtualAddressField, "DataDirectory.VirtualAddress"), optional.U32(offset + SizeField, "DataDirectory.Size"));
}

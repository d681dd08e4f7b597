using System.Text;
using MemFs.Aff4.Binary;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>One IMAGE_SECTION_HEADER: where the section lies in memory (RVA, VirtualSize) and in the file (PointerToRawData, SizeOfRawData).</summary>
public sealed record PeSection(string Name, uint VirtualAddress, uint VirtualSize, uint Characteristics, uint PointerToRawData = 0, uint SizeOfRawData = 0)
{
    /// <summary>sizeof(IMAGE_SECTION_HEADER).</summary>
    public const int HeaderSize = 40;

    // IMAGE_SECTION_HEADER (PE format, "Section Table (Section Headers)").
    private const int NameField = 0;
    private const int NameLength = 8;
    private const int VirtualSizeField = 8;
    private const int VirtualAddressField = 12;
    private const int SizeOfRawDataField = 16;
    private const int PointerToRawDataField = 20;
    private const int CharacteristicsField = 36;

    /// <summary>The section header <paramref name="header"/> holds (<see cref="HeaderSize"/> bytes).</summary>
    internal static PeSection Read(BoundedReader header) =>
        new(Encoding.ASCII.GetString(header.Bytes(NameField, NameLength, "Name")).TrimEnd('\0'),
            header.U32(VirtualAddressField, "VirtualAddress"), header.U32(VirtualSizeField, "VirtualSize"),
            header.U32(CharacteristicsField, "Characteristics"), header.U32(PointerToRawDataField, "PointerToRawData"),
            header.U32(SizeOfRawDataField, "SizeOfRawData"));
}

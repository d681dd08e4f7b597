using System.Buffers.Binary;
using MemFs.Fuzz.Mutators;

namespace MemFs.Fuzz.Seeds;

/// <summary>
/// The header fields of a PE32+ file that say where things are (PE/COFF specification): IMAGE_DOS_HEADER.e_lfanew;
/// the COFF file header's NumberOfSections, PointerToSymbolTable, NumberOfSymbols and SizeOfOptionalHeader; the
/// optional header's ImageBase (away from the load address: the file's relocations are applied), SizeOfImage, SizeOfHeaders, FileAlignment, SectionAlignment, NumberOfRvaAndSizes and all 16
/// data directory entries (the certificate table's "RVA" is a file offset); every section header's VirtualSize,
/// VirtualAddress, SizeOfRawData and PointerToRawData. Read from the seed's own undamaged file.
/// </summary>
internal static class PeFileFields
{
    private static readonly string[] Directories =
    [
        "export", "import", "resource", "exception", "certificate table", "base relocation", "debug", "architecture",
        "global pointer", "TLS", "load config", "bound import", "IAT", "delay import", "CLR runtime", "reserved",
    ];

    /// <summary>The debug directory's index in the data directories, and the size of one IMAGE_DEBUG_DIRECTORY.</summary>
    public const int DebugDirectory = 6;
    public const int DebugEntrySize = 28;

    public static IReadOnlyList<HeaderField> Of(byte[] file)
    {
        var nt = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(0x3C));
        var optional = nt + 24;
        var fields = new List<HeaderField>
        {
            new(0x3C, 4, "e_lfanew"),
            new(nt + 6, 2, "NumberOfSections"), new(nt + 8 + 4, 4, "PointerToSymbolTable"), new(nt + 16, 4, "NumberOfSymbols"),
            new(nt + 20, 2, "SizeOfOptionalHeader"),
            new(optional + 24, 8, "ImageBase"), new(optional + 32, 4, "SectionAlignment"), new(optional + 36, 4, "FileAlignment"),
            new(optional + 56, 4, "SizeOfImage"), new(optional + 60, 4, "SizeOfHeaders"), new(optional + 108, 4, "NumberOfRvaAndSizes"),
        };
        for (var i = 0; i < Directories.Length; i++)
        {
            fields.Add(new(DirectoryEntry(file, i), 4, $"{Directories[i]} directory {(i == 4 ? "file offset" : "RVA")}"));
            fields.Add(new(DirectoryEntry(file, i) + 4, 4, $"{Directories[i]} directory size"));
        }
        var sections = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(nt + 6));
        for (var s = 0; s < sections; s++)
        {
            var header = SectionHeader(file, s);
            fields.Add(new(header + 8, 4, $"section {s} VirtualSize"));
            fields.Add(new(header + 12, 4, $"section {s} VirtualAddress"));
            fields.Add(new(header + 16, 4, $"section {s} SizeOfRawData"));
            fields.Add(new(header + 20, 4, $"section {s} PointerToRawData"));
        }
        return fields;
    }

    /// <summary>The file offset of data directory entry <paramref name="index"/> (RVA, then Size).</summary>
    public static int DirectoryEntry(byte[] file, int index) => BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(0x3C)) + 24 + 112 + index * 8;

    /// <summary>The file offset of section header <paramref name="index"/>.</summary>
    public static int SectionHeader(byte[] file, int index)
    {
        var nt = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(0x3C));
        return nt + 24 + BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(nt + 20)) + index * 40;
    }
}

using System.Buffers.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Elf;

/// <summary>The ELF file header fields a core file reader needs, from ELF32 or ELF64, little-endian.</summary>
internal sealed record ElfHeader(bool Is64, ushort Type, ushort Machine, long ProgramHeaderOffset, int ProgramHeaderSize, int ProgramHeaderCount, bool CountFromSection)
{
    public const ushort EtCore = 4;
    public const ushort EmI386 = 3;
    public const ushort EmX8664 = 62;

    /// <summary>e_phnum's escape value: the real count is in section header 0's sh_info.</summary>
    public const int PnXnum = 0xFFFF;

    /// <summary>Bounds a PN_XNUM count: a memory image has a few PT_LOADs per RAM range, never a million.</summary>
    public const int MaxExtendedCount = 1 << 20;

    public static ReadOnlySpan<byte> Magic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    public int ProgramHeaderEntrySize => Is64 ? 56 : 32;

    public static ElfHeader Read(IByteSource source)
    {
        var file = source.Name;
        var ident = source.ReadBlock(0, 16, "ELF e_ident");
        if (!ident.AsSpan(0, 4).SequenceEqual(Magic))
            throw new ImageFormatException(file, 0, "e_ident: not an ELF file (no \\x7FELF magic)");
        var is64 = ident[4] switch
        {
            1 => false,
            2 => true,
            var c => throw new ImageFormatException(file, 4, $"e_ident[EI_CLASS] is {c}, neither ELFCLASS32 (1) nor ELFCLASS64 (2)"),
        };
        if (ident[5] == 2)
            throw new ImageFormatException(file, 5, "e_ident[EI_DATA] is ELFDATA2MSB: big-endian ELF cores are not supported (x86 memory images are little-endian)");
        if (ident[5] != 1)
            throw new ImageFormatException(file, 5, $"e_ident[EI_DATA] is {ident[5]}, not ELFDATA2LSB (1)");

        var h = source.ReadBlock(0, is64 ? 64 : 52, "ELF header");
        var type = U16(h, 16);
        var machine = U16(h, 18);
        var phoff = is64 ? Offset(file, U64(h, 32), 32, "e_phoff") : U32(h, 28);
        var shoff = is64 ? Offset(file, U64(h, 40), 40, "e_shoff") : U32(h, 32);
        var at = is64 ? 54 : 42;
        int phentsize = U16(h, at), phnum = U16(h, at + 2), shentsize = U16(h, at + 4);

        var fromSection = phnum == PnXnum;
        if (fromSection) phnum = ReadSectionZeroInfo(source, is64, shoff, shentsize);
        var header = new ElfHeader(is64, type, machine, phoff, phentsize, phnum, fromSection);
        header.CheckProgramHeaderTable(file, source.Length, at);
        return header;
    }

    private void CheckProgramHeaderTable(string file, long fileLength, int fieldAt)
    {
        if (ProgramHeaderCount == 0) return;
        if (ProgramHeaderSize < ProgramHeaderEntrySize)
            throw new ImageFormatException(file, fieldAt, $"e_phentsize is {ProgramHeaderSize}, smaller than an ELF{(Is64 ? 64 : 32)} program header ({ProgramHeaderEntrySize} bytes)");
        var tableBytes = (long)ProgramHeaderSize * ProgramHeaderCount;
        if (ProgramHeaderOffset > fileLength || tableBytes > fileLength - ProgramHeaderOffset)
            throw new ImageFormatException(file, Is64 ? 32 : 28,
                $"e_phoff 0x{ProgramHeaderOffset:X}: the program header table ({ProgramHeaderCount:N0} × {ProgramHeaderSize} bytes) lies beyond the end of the file (0x{fileLength:X} bytes)");
    }

    /// <summary>PN_XNUM: section header 0's sh_info holds the program header count.</summary>
    private static int ReadSectionZeroInfo(IByteSource source, bool is64, long shoff, int shentsize)
    {
        var file = source.Name;
        var size = is64 ? 64 : 40;
        if (shoff == 0)
            throw new ImageFormatException(file, is64 ? 40 : 32, "e_phnum is PN_XNUM (0xFFFF) but e_shoff is 0: there is no section header 0 to hold the real count");
        if (shentsize < size)
            throw new ImageFormatException(file, is64 ? 58 : 46, $"e_shentsize is {shentsize}, smaller than an ELF{(is64 ? 64 : 32)} section header ({size} bytes)");
        var sh = source.ReadBlock(shoff, size, "section header 0 (PN_XNUM)");
        var info = U32(sh, is64 ? 44 : 28);
        if (info > MaxExtendedCount)
            throw new ImageFormatException(file, shoff + (is64 ? 44 : 28), $"section header 0 sh_info (program header count under PN_XNUM) is {info:N0}");
        return (int)info;
    }

    internal static long Offset(string file, ulong value, long at, string field) =>
        value <= long.MaxValue ? (long)value : throw new ImageFormatException(file, at, $"{field} 0x{value:X} is not a possible file offset or size");

    internal static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b[at..]);
    internal static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b[at..]);
    internal static ulong U64(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt64LittleEndian(b[at..]);
}

using MemFs.Aff4.Binary;
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

    // Elf32_Ehdr / Elf64_Ehdr (System V ABI, "ELF Header"): e_ident, then fields whose offsets differ by class
    // from e_entry on, since e_entry, e_phoff and e_shoff are 4 bytes in ELF32 and 8 in ELF64.
    private const int IdentSize = 16;
    private const int EiClass = 4;
    private const int EiData = 5;
    private const byte ElfClass32 = 1, ElfClass64 = 2;
    private const byte ElfData2Lsb = 1, ElfData2Msb = 2;
    private const int EType = 16;
    private const int EMachine = 18;
    private const int Header32Size = 52, Header64Size = 64;
    private const int EPhoff32 = 28, EPhoff64 = 32;
    private const int EShoff32 = 32, EShoff64 = 40;
    private const int EPhentsize32 = 42, EPhentsize64 = 54;
    private const int EPhnumAfterPhentsize = 2;
    private const int EShentsizeAfterPhentsize = 4;

    // Elf32_Shdr / Elf64_Shdr: sh_info, which holds the program header count under PN_XNUM.
    private const int Section32Size = 40, Section64Size = 64;
    private const int ShInfo32 = 28, ShInfo64 = 44;

    public static ElfHeader Read(IByteSource source)
    {
        var file = source.Name;
        var ident = source.ReadStructure(0, IdentSize, "ELF e_ident");
        if (!ident.Bytes(0, Magic.Length, "EI_MAG").SequenceEqual(Magic))
            throw ident.Error(0, "e_ident: not an ELF file (no \\x7FELF magic)");
        var is64 = ident.U8(EiClass, "EI_CLASS") switch
        {
            ElfClass32 => false,
            ElfClass64 => true,
            var c => throw ident.Error(EiClass, $"e_ident[EI_CLASS] is {c}, neither ELFCLASS32 (1) nor ELFCLASS64 (2)"),
        };
        var data = ident.U8(EiData, "EI_DATA");
        if (data == ElfData2Msb)
            throw ident.Error(EiData, "e_ident[EI_DATA] is ELFDATA2MSB: big-endian ELF cores are not supported (x86 memory images are little-endian)");
        if (data != ElfData2Lsb)
            throw ident.Error(EiData, $"e_ident[EI_DATA] is {data}, not ELFDATA2LSB (1)");

        var h = source.ReadStructure(0, is64 ? Header64Size : Header32Size, is64 ? "Elf64_Ehdr" : "Elf32_Ehdr");
        var type = h.U16(EType, "e_type");
        var machine = h.U16(EMachine, "e_machine");
        var phoff = is64 ? Offset(h, EPhoff64, "e_phoff") : h.U32(EPhoff32, "e_phoff");
        var shoff = is64 ? Offset(h, EShoff64, "e_shoff") : h.U32(EShoff32, "e_shoff");
        var at = is64 ? EPhentsize64 : EPhentsize32;
        int phentsize = h.U16(at, "e_phentsize"), phnum = h.U16(at + EPhnumAfterPhentsize, "e_phnum"), shentsize = h.U16(at + EShentsizeAfterPhentsize, "e_shentsize");

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
            throw new ImageFormatException(file, Is64 ? EPhoff64 : EPhoff32,
                $"e_phoff 0x{ProgramHeaderOffset:X}: the program header table ({ProgramHeaderCount:N0} × {ProgramHeaderSize} bytes) lies beyond the end of the file (0x{fileLength:X} bytes)");
    }

    /// <summary>PN_XNUM: section header 0's sh_info holds the program header count.</summary>
    private static int ReadSectionZeroInfo(IByteSource source, bool is64, long shoff, int shentsize)
    {
        var file = source.Name;
        var size = is64 ? Section64Size : Section32Size;
        if (shoff == 0)
            throw new ImageFormatException(file, is64 ? EShoff64 : EShoff32, "e_phnum is PN_XNUM (0xFFFF) but e_shoff is 0: there is no section header 0 to hold the real count");
        if (shentsize < size)
            throw new ImageFormatException(file, (is64 ? EPhentsize64 : EPhentsize32) + EShentsizeAfterPhentsize,
                $"e_shentsize is {shentsize}, smaller than an ELF{(is64 ? 64 : 32)} section header ({size} bytes)");
        var sh = source.ReadStructure(shoff, size, "section header 0 (PN_XNUM)");
        var infoAt = is64 ? ShInfo64 : ShInfo32;
        var info = sh.U32(infoAt, "sh_info");
        if (info > MaxExtendedCount)
            throw sh.Error(infoAt, $"section header 0 sh_info (program header count under PN_XNUM) is {info:N0}");
        return (int)info;
    }

    /// <summary>A 64-bit file offset or size at <paramref name="at"/> of <paramref name="structure"/>, refused above <see cref="long.MaxValue"/>.</summary>
    internal static long Offset(BoundedReader structure, int at, string field)
    {
        var value = structure.U64(at, field);
        return value <= long.MaxValue ? (long)value : throw structure.Error(at, $"{field} 0x{value:X} is not a possible file offset or size");
    }
}

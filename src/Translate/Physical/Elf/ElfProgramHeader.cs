namespace MemFs.Translate.Physical.Elf;

/// <summary>One program header, fields widened to 64 bits, with the file offset it was read from.</summary>
internal readonly record struct ElfProgramHeader(long At, uint Type, long Offset, ulong VirtualAddress, ulong PhysicalAddress, long FileSize, ulong MemorySize)
{
    public const uint PtLoad = 1;
    public const uint PtNote = 4;

    public static ElfProgramHeader Read(string file, ReadOnlySpan<byte> b, bool is64, long at)
    {
        if (is64)
            return new ElfProgramHeader(at, ElfHeader.U32(b, 0),
                ElfHeader.Offset(file, ElfHeader.U64(b, 8), at + 8, "p_offset"),
                ElfHeader.U64(b, 16), ElfHeader.U64(b, 24),
                ElfHeader.Offset(file, ElfHeader.U64(b, 32), at + 32, "p_filesz"),
                ElfHeader.U64(b, 40));
        return new ElfProgramHeader(at, ElfHeader.U32(b, 0), ElfHeader.U32(b, 4), ElfHeader.U32(b, 8), ElfHeader.U32(b, 12),
            ElfHeader.U32(b, 16), ElfHeader.U32(b, 20));
    }
}

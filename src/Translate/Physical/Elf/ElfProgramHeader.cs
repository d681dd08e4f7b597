using MemFs.Aff4.Binary;

namespace MemFs.Translate.Physical.Elf;

/// <summary>One program header, fields widened to 64 bits, with the file offset it was read from.</summary>
internal readonly record struct ElfProgramHeader(long At, uint Type, long Offset, ulong VirtualAddress, ulong PhysicalAddress, long FileSize, ulong MemorySize)
{
    public const uint PtLoad = 1;
    public const uint PtNote = 4;

    // Elf64_Phdr { p_type, p_flags, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align } and
    // Elf32_Phdr { p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align } (System V ABI, "Program Header").
    private const int PType = 0;
    private const int POffset64 = 8, PVaddr64 = 16, PPaddr64 = 24, PFilesz64 = 32, PMemsz64 = 40;
    private const int POffset32 = 4, PVaddr32 = 8, PPaddr32 = 12, PFilesz32 = 16, PMemsz32 = 20;

    /// <summary>Where p_vaddr or p_paddr lies in the header, for errors about the address.</summary>
    public long AddressFieldAt(bool useVirtual, bool is64) => At + (useVirtual ? (is64 ? PVaddr64 : PVaddr32) : (is64 ? PPaddr64 : PPaddr32));

    /// <summary>The program header <paramref name="entry"/> holds; its <see cref="BoundedReader.Origin"/> is the header's file offset.</summary>
    public static ElfProgramHeader Read(BoundedReader entry, bool is64)
    {
        if (is64)
            return new ElfProgramHeader(entry.Origin, entry.U32(PType, "p_type"),
                ElfHeader.Offset(entry, POffset64, "p_offset"),
                entry.U64(PVaddr64, "p_vaddr"), entry.U64(PPaddr64, "p_paddr"),
                ElfHeader.Offset(entry, PFilesz64, "p_filesz"),
                entry.U64(PMemsz64, "p_memsz"));
        return new ElfProgramHeader(entry.Origin, entry.U32(PType, "p_type"), entry.U32(POffset32, "p_offset"), entry.U32(PVaddr32, "p_vaddr"),
            entry.U32(PPaddr32, "p_paddr"), entry.U32(PFilesz32, "p_filesz"), entry.U32(PMemsz32, "p_memsz"));
    }
}

using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>Sets one to three fields of a format's header (sizes, counts, offsets, run-table entries) to edge values.</summary>
internal sealed class HeaderMutator(string name, SeedKind kind, IReadOnlyList<HeaderField> fields) : IMutator
{
    /// <summary>_DUMP_HEADER64 (0x2000 bytes): versions, DirectoryTableBase, list heads, KdDebuggerDataBlock, PhysicalMemoryBlock run table, DumpType, RequiredDumpSpace.</summary>
    public static HeaderMutator CrashDump { get; } = new("dump-header", SeedKind.CrashDump,
    [
        new(0, 4, "Signature"), new(4, 4, "ValidDump"), new(0x8, 4, "MajorVersion"), new(0xC, 4, "MinorVersion"),
        new(0x10, 8, "DirectoryTableBase"), new(0x18, 8, "PfnDataBase"), new(0x20, 8, "PsLoadedModuleList"),
        new(0x28, 8, "PsActiveProcessHead"), new(0x30, 4, "MachineImageType"), new(0x34, 4, "NumberProcessors"),
        new(0x80, 8, "KdDebuggerDataBlock"), new(0x88, 4, "NumberOfRuns"), new(0x90, 8, "NumberOfPages"),
        new(0x98, 8, "Run[0].BasePage"), new(0xA0, 8, "Run[0].PageCount"), new(0xA8, 8, "Run[1].BasePage"), new(0xB0, 8, "Run[1].PageCount"),
        new(0xF98, 4, "DumpType"), new(0xFA0, 8, "RequiredDumpSpace"),
    ]);

    /// <summary>lime_mem_range_header: magic "EMiL", version, s_addr, e_addr (inclusive), reserved.</summary>
    public static HeaderMutator Lime { get; } = new("lime-header", SeedKind.Lime,
        [new(0, 4, "magic"), new(4, 4, "version"), new(8, 8, "s_addr"), new(16, 8, "e_addr"), new(24, 8, "reserved")]);

    /// <summary>ELF64 core: e_ident class and data, e_type, e_machine, e_phoff, e_shoff, e_phentsize, e_phnum, e_shnum;
    /// program header 0 (PT_NOTE) and 1 (PT_LOAD): p_type, p_offset, p_paddr, p_filesz, p_memsz; the note's namesz, descsz, type.</summary>
    public static HeaderMutator Elf { get; } = new("elf-header", SeedKind.Elf,
    [
        new(4, 1, "EI_CLASS"), new(5, 1, "EI_DATA"), new(0x10, 2, "e_type"), new(0x12, 2, "e_machine"), new(0x20, 8, "e_phoff"),
        new(0x28, 8, "e_shoff"), new(0x36, 2, "e_phentsize"), new(0x38, 2, "e_phnum"), new(0x3C, 2, "e_shnum"),
        new(0x40, 4, "ph[0].p_type"), new(0x48, 8, "ph[0].p_offset"), new(0x60, 8, "ph[0].p_filesz"),
        new(0x78, 4, "ph[1].p_type"), new(0x80, 8, "ph[1].p_offset"), new(0x88, 8, "ph[1].p_vaddr"), new(0x90, 8, "ph[1].p_paddr"),
        new(0x98, 8, "ph[1].p_filesz"), new(0xA0, 8, "ph[1].p_memsz"),
        new(0xB0, 4, "note namesz"), new(0xB4, 4, "note descsz"), new(0xB8, 4, "note type"),
    ]);

    /// <summary>VMware state file: header, group table entries, and the memory-region and CR3 tags (<see cref="VmwareSeed.Fields"/>).</summary>
    public static HeaderMutator Vmware { get; } = new("vmware-state", SeedKind.Vmware, VmwareSeed.Fields);

    public string Name => name;

    public bool Applies(SeedKind seed) => seed == kind;

    public IReadOnlyList<Operation> Mutate(Random random, SeedKind seed, SeedEvidence seeds)
    {
        var operations = new List<Operation>();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var field = fields[random.Next(fields.Count)];
            operations.Add(new Operation.Patch(field.Offset, field.Width, FieldValues.Pick(random, field.Width, FieldKind.Number, [], seeds.PhysicalSize)) { Note = field.Name });
        }
        return operations;
    }
}

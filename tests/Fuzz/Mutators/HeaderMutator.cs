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

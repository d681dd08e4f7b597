using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>
/// Damages one to three kernel fields in the physical memory: process-list loops and dangling links, VAD-tree cycles,
/// absurd PTEs at every level, subsection chains that loop or count wildly, PE headers of loaded images.
/// </summary>
internal sealed class KernelStructureMutator : IMutator
{
    public string Name => "kernel";

    public bool Applies(SeedKind kind) => SeedEvidence.HoldsPhysicalMemory(kind);

    public IReadOnlyList<Operation> Mutate(Random random, SeedKind kind, SeedEvidence seeds)
    {
        var structures = seeds.Structures;
        var count = random.Next(1, 4);
        var operations = new List<Operation>();
        for (var i = 0; i < count; i++)
        {
            var field = structures.Fields[random.Next(structures.Fields.Count)];
            var value = FieldValues.Pick(random, field.Width, field.Kind, structures.Nodes, seeds.PhysicalSize);
            operations.Add(new Operation.Patch(seeds.PhysicalBase(kind) + field.Physical, field.Width, value) { Note = field.Name });
        }
        return operations;
    }
}

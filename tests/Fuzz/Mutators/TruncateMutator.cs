using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>Cuts any seed short: inside its header, at a page boundary (of a seed of several pages), or a few bytes before its end.</summary>
internal sealed class TruncateMutator : IMutator
{
    public string Name => "truncate";

    public bool Applies(SeedKind kind) => !SeedEvidence.HasFilesTree(kind);

    public IReadOnlyList<Operation> Mutate(Random random, SeedKind kind, SeedEvidence seeds)
    {
        var length = seeds.Length(kind);
        long at = random.Next(3) switch
        {
            0 => random.NextInt64(0, Math.Min(0x3000, length)),
            1 when length > 0x2000 => random.NextInt64(1, length / 0x1000) * 0x1000,
            _ => length - random.NextInt64(1, Math.Min(0x200, length)),
        };
        return [new Operation.Truncate(at) { Note = $"of 0x{length:X}" }];
    }
}

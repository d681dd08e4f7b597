using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>Cuts any seed short: inside its header, at a page boundary, or a few bytes before its end.</summary>
internal sealed class TruncateMutator : IMutator
{
    public string Name => "truncate";

    public bool Applies(SeedKind kind) => true;

    public IReadOnlyList<Operation> Mutate(Random random, SeedKind kind, SeedEvidence seeds)
    {
        var length = kind == SeedKind.Aff4 ? seeds.Aff4Base.Length : seeds.PhysicalSize + seeds.PhysicalBase(kind);
        long at = random.Next(3) switch
        {
            0 => random.Next(0, 0x3000),
            1 => random.NextInt64(1, length / 0x1000) * 0x1000,
            _ => length - random.Next(1, 0x200),
        };
        return [new Operation.Truncate(at) { Note = $"of 0x{length:X}" }];
    }
}

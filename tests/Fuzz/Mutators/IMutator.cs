using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Mutators;

/// <summary>A structured mutator: knows one format's fields and turns a random draw into concrete <see cref="Operation"/>s.</summary>
internal interface IMutator
{
    string Name { get; }

    bool Applies(SeedKind kind);

    IReadOnlyList<Operation> Mutate(Random random, SeedKind kind, SeedEvidence seeds);
}

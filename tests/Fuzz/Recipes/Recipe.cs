namespace MemFs.Fuzz.Recipes;

/// <summary>
/// One fuzz case: which seed evidence (<see cref="Seeds.SeedKind"/>), the changes made to it, and the memfs command line
/// run on the result (<c>{image}</c> stands for the mutated file's path). Case <see cref="Index"/> of run <see cref="Seed"/>.
/// </summary>
internal sealed record Recipe(int Seed, int Index, Seeds.SeedKind Base, IReadOnlyList<Operation> Operations, IReadOnlyList<string> Command)
{
    public const string ImageToken = "{image}";

    public string[] Arguments(string image) => Command.Select(a => a == ImageToken ? image : a).ToArray();

    public string CommandText => "memfs " + string.Join(' ', Command);

    public string Describe() => $"seed {Seed} case {Index} {Base}: {CommandText}; " +
        string.Join("; ", Operations.Select(o => o.Note.Length == 0 ? o.Text : $"{o.Text} ({o.Note})"));
}

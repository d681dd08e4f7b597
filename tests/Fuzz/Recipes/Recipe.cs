namespace MemFs.Fuzz.Recipes;

/// <summary>
/// One fuzz case: which seed evidence (<see cref="Seeds.SeedKind"/>), the changes made to it, and the memfs command line
/// run on the result (<c>{image}</c> stands for the mutated file's path). Case <see cref="Index"/> of run <see cref="Seed"/>.
/// </summary>
internal sealed record Recipe(int Seed, int Index, Seeds.SeedKind Base, IReadOnlyList<Operation> Operations, IReadOnlyList<string> Command)
{
    public const string ImageToken = "{image}";
    public const string FilesToken = "{files}";

    /// <summary>The file of the <c>--files</c> tree (a path relative to it, '/'-separated) the operations change; null: the evidence file.</summary>
    public string? Target { get; init; }

    public string[] Arguments(string image, string files) => Command.Select(a => a == ImageToken ? image : a == FilesToken ? files : a).ToArray();

    public string CommandText => "memfs " + string.Join(' ', Command);

    public string Describe() => $"seed {Seed} case {Index} {Base}: {CommandText}; " + (Target is null ? "" : $"in {Target}: ") +
        string.Join("; ", Operations.Select(o => o.Note.Length == 0 ? o.Text : $"{o.Text} ({o.Note})"));
}

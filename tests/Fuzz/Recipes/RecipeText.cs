namespace MemFs.Fuzz.Recipes;

/// <summary>
/// A recipe as a small text file: <c>seed N</c>, <c>case N</c>, <c>base KIND</c>, <c>command ARGS…</c> (tab-separated
/// arguments), <c>target PATH</c> (a file of the --files tree the operations change), then one operation per line (<see cref="Operation.Parse"/>); lines starting with <c>#</c> are comments.
/// </summary>
internal static class RecipeText
{
    public static string Write(Recipe recipe, string verdict)
    {
        var lines = new List<string>
        {
            $"# {verdict}",
            $"seed {recipe.Seed}",
            $"case {recipe.Index}",
            $"base {recipe.Base}",
            "command " + string.Join('\t', recipe.Command),
        };
        if (recipe.Target is not null) lines.Add($"target {recipe.Target}");
        lines.AddRange(recipe.Operations.Select(o => o.Note.Length == 0 ? o.Text : $"{o.Text} # {o.Note}"));
        return string.Join('\n', lines) + "\n";
    }

    public static Recipe Read(string text, string name)
    {
        int seed = 0, index = 0;
        Seeds.SeedKind? kind = null;
        string[]? command = null;
        string? target = null;
        var operations = new List<Operation>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var space = line.IndexOf(' ');
            var (key, rest) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
            switch (key)
            {
                case "seed": seed = int.Parse(rest); break;
                case "case": index = int.Parse(rest); break;
                case "base": kind = Enum.Parse<Seeds.SeedKind>(rest); break;
                case "command": command = rest.Split('\t'); break;
                case "target": target = rest; break;
                default: operations.Add(Operation.Parse(line)); break;
            }
        }
        if (kind is null || command is null) throw new FormatException($"{name}: a recipe needs a 'base' and a 'command' line");
        return new Recipe(seed, index, kind.Value, operations, command) { Target = target };
    }
}

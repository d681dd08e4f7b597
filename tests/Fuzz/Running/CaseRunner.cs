using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;

namespace MemFs.Fuzz.Running;

/// <summary>
/// Runs recipes through memfs in-process (<see cref="InProcessCommand"/>), one at a time: writes the case's evidence
/// (the seed file with the recipe's changes, or unchanged beside a <c>--files</c> tree one file of which is changed),
/// runs its command with a work budget (its thread's CPU time; past it, or past the wall ceiling, the case is
/// abandoned and counted as a hang) and a memory budget, and classifies how it ended.
/// </summary>
internal sealed class CaseRunner : IDisposable
{
    private readonly SeedEvidence _seeds;
    private readonly string _directory;
    private readonly InProcessCommand _command;

    /// <param name="main">Stands in for memfs's Main (to show that a slow or blocked case is caught).</param>
    public CaseRunner(SeedEvidence seeds, TimeSpan timeBudget, long memoryBudget, Func<string[], int>? main = null, TimeSpan? wallCeiling = null)
    {
        _seeds = seeds;
        MemoryBudget = memoryBudget;
        _command = new InProcessCommand(timeBudget, wallCeiling ?? InProcessCommand.DefaultCeiling(timeBudget), main);
        _directory = Directory.CreateTempSubdirectory("memfs-fuzz-").FullName;
    }

    public TimeSpan TimeBudget => _command.WorkBudget;
    public long MemoryBudget { get; }

    public CaseOutcome Run(Recipe recipe)
    {
        var image = Path.Combine(_directory, $"case-{recipe.Seed}-{recipe.Index}{SeedEvidence.Extension(recipe.Base)}");
        var files = FilesOf(image);
        var written = Write(recipe, image);
        var run = _command.Run(recipe.Arguments(image, files));
        if (run.Finished)
            foreach (var path in written)
                if (Directory.Exists(path)) Directory.Delete(path, true);
                else File.Delete(path);

        var stderr = run.Stderr + (run.Escaped is null ? "" : $"\nescaped: {run.Escaped}");
        var verdict = !run.Finished ? Verdict.Hang
            : run.Escaped is not null ? Verdict.Crash
            : run.PeakMemory > MemoryBudget ? Verdict.OverMemory
            : CaseClassifier.Classify(run.ExitCode!.Value, stderr, [image, files], recipe.Command.Contains("--verify"));
        return new CaseOutcome(recipe, verdict, run.ExitCode, run.Elapsed, run.PeakMemory, stderr) { Cpu = run.Cpu };
    }

    /// <summary>The <c>--files</c> tree written beside <paramref name="image"/> for seeds that have one.</summary>
    public static string FilesOf(string image) => Path.ChangeExtension(image, ".files");

    /// <summary>
    /// Writes the case's evidence at <paramref name="image"/>: the evidence file, the file written unchanged beside it
    /// (the .vmem of a .vmss) and the <c>--files</c> tree (<see cref="FilesOf"/>); returns the paths written.
    /// </summary>
    public IReadOnlyList<string> Write(Recipe recipe, string image)
    {
        var written = new List<string> { image };
        File.WriteAllBytes(image, Materialize(recipe));
        if (_seeds.Companion(recipe.Base) is { } companion)
        {
            written.Add(Path.ChangeExtension(image, companion.Extension));
            File.WriteAllBytes(written[^1], companion.Bytes);
        }
        if (SeedEvidence.HasFilesTree(recipe.Base))
        {
            var root = FilesOf(image);
            written.Add(root);
            foreach (var (relative, bytes) in _seeds.FilesTree)
            {
                var path = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, relative == recipe.Target ? Apply(recipe.Operations.Where(o => !o.OnEvidence), (byte[])bytes.Clone()) : bytes);
            }
        }
        return written;
    }

    /// <summary>The recipe's evidence file: the seed (with its Turtle additions), then its patches and truncation in order (those for the evidence file when it has a target in the tree).</summary>
    public byte[] Materialize(Recipe recipe)
    {
        var turtle = recipe.Operations.OfType<Operation.Turtle>().Select(t => t.Statement).ToList();
        var file = _seeds.Copy(recipe.Base, turtle);
        return Apply(recipe.Operations.Where(o => recipe.Target is null || o.OnEvidence), file);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, true); }
        catch (IOException) { }
    }

    private static byte[] Apply(IEnumerable<Operation> operations, byte[] file)
    {
        foreach (var operation in operations)
        {
            if (operation is Operation.Patch patch) patch.Apply(file);
            else if (operation is Operation.Truncate truncate && truncate.Length < file.Length) file = file[..(int)Math.Max(0, truncate.Length)];
        }
        return file;
    }
}

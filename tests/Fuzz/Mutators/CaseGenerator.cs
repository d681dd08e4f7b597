using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;
using MemFs.Tests.Demo;

namespace MemFs.Fuzz.Mutators;

/// <summary>
/// Case <c>i</c> of run <c>seed</c>: a seed format, a structured mutation of it and a memfs command, all drawn from a
/// <see cref="Random"/> seeded by (seed, i) alone, so any case can be rebuilt from its two numbers.
/// </summary>
internal sealed class CaseGenerator(SeedEvidence seeds)
{
    private const string Image = Recipe.ImageToken;

    private static readonly IMutator[] Mutators =
    [
        new KernelStructureMutator(), new KernelStructureMutator(), new KernelStructureMutator(),
        HeaderMutator.CrashDump, HeaderMutator.Lime, HeaderMutator.Elf, HeaderMutator.Vmware, HeaderMutator.Vmware, new TurtleMutator(), new TurtleMutator(), new ZipRecordMutator(), new TruncateMutator(),
    ];

    private static readonly SeedKind[] Kinds = [SeedKind.Raw, SeedKind.CrashDump, SeedKind.Lime, SeedKind.Elf, SeedKind.Vmware, SeedKind.Aff4, SeedKind.Aff4];

    private static readonly string[][] Commands =
    [
        ["info", Image], ["ps", Image], ["ps", Image, "--scan"], ["ps", Image, "--tree"], ["ls", Image, "/processes"], ["ls", Image, "-l", "/"],
        ["modules", Image], ["vads", Image, "--pid", $"{DemoLayout.NotepadPid}"], ["vads", Image, "--pid", $"{DemoLayout.ExplorerPid}"],
        ["vmem", "cat", Image, "--pid", $"{DemoLayout.ExplorerPid}", "--offset", $"0x{DemoLayout.DemoDll:X}", "--length", "24K"],
        ["vtop", Image, "--pid", $"{DemoLayout.NotepadPid}", $"0x{DemoLayout.NotepadNotesView:X}"],
        ["cat", Image, $"/processes/{DemoLayout.NotepadPid}-notepad.exe/vmem", "--offset", $"0x{DemoLayout.NotepadDocument:X}", "--length", "16K"],
        ["cat", Image, $"/processes/{DemoLayout.ExplorerPid}-explorer.exe/vadmap.txt"],
        ["cat", Image, "/coverage.txt"],
    ];

    private static readonly string[][] Aff4Commands = [["aff4", "info", Image], ["aff4", "hash", Image, "--verify"]];

    public Recipe Case(int seed, int index)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var kind = Kinds[random.Next(Kinds.Length)];
        var applicable = Mutators.Where(m => m.Applies(kind)).ToArray();
        var mutator = applicable[random.Next(applicable.Length)];
        var operations = mutator.Mutate(random, kind, seeds);
        var commands = kind == SeedKind.Aff4 ? Commands.Concat(Aff4Commands).ToArray() : Commands;
        return new Recipe(seed, index, kind, operations, commands[random.Next(commands.Length)]);
    }
}

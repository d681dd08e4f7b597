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

    private static readonly SeedKind[] Kinds = [SeedKind.Raw, SeedKind.CrashDump, SeedKind.Lime, SeedKind.Elf, SeedKind.Vmware, SeedKind.Aff4, SeedKind.Aff4, SeedKind.Files, SeedKind.Files];

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

    /// <summary>The recovery files of images rebuilt from a --files tree: a DLL with file-only pages, a main image, a kernel module, every process's patches.</summary>
    private static readonly string[][] FileCommands = new[]
    {
        $"/processes/{DemoLayout.ExplorerPid}-explorer.exe/modules/demo.dll/recovery.txt",
        $"/processes/{DemoLayout.ExplorerPid}-explorer.exe/modules/demo.dll/executable.exe",
        $"/processes/{DemoLayout.ExplorerPid}-explorer.exe/modules/demo.dll/memory.bin",
        $"/processes/{DemoLayout.NotepadPid}-notepad.exe/modules/demo.dll/recovery.png",
        $"/processes/{DemoLayout.NotepadPid}-notepad.exe/modules/ntdll.dll/recovery.txt",
        $"/processes/{DemoLayout.ExplorerPid}-explorer.exe/executable.exe",
        $"/processes/{DemoLayout.NotepadPid}-notepad.exe/recovery.txt",
        $"/processes/{DemoLayout.ExplorerPid}-explorer.exe/patches.txt",
        "/kernel/modules/demo.sys/recovery.txt",
        "/kernel/modules/hal.dll/executable.exe",
        "/patches.txt",
    }.Select(path => new[] { "cat", Image, path, "--files", Recipe.FilesToken })
        .Concat([
            ["ls", Image, "-l", $"/processes/{DemoLayout.ExplorerPid}-explorer.exe/modules/demo.dll", "--files", Recipe.FilesToken],
            ["ls", Image, "-l", $"/processes/{DemoLayout.ExplorerPid}-explorer.exe", "--files", Recipe.FilesToken],
        ]).ToArray();

    private static readonly string[][] Aff4Commands = [["aff4", "info", Image], ["aff4", "hash", Image, "--verify"]];

    /// <summary>The e_lfanew of the image mapped from <paramref name="target"/> in the seed's physical memory, if the kernel structures list one.</summary>
    private static StructureField? MemoryHeader(SeedEvidence seeds, string target)
    {
        var name = Path.GetFileName(target);
        return seeds.Structures.Fields.FirstOrDefault(f => f.Name.StartsWith(name + " ", StringComparison.Ordinal) && f.Name.EndsWith(" e_lfanew", StringComparison.Ordinal));
    }

    public Recipe Case(int seed, int index)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        var kind = Kinds[random.Next(Kinds.Length)];
        if (SeedEvidence.HasFilesTree(kind))
        {
            var (target, file) = seeds.FilesTree[random.Next(seeds.FilesTree.Count)];
            var changes = PeFileMutator.Mutate(random, file).ToList();
            if (random.Next(3) == 0 && MemoryHeader(seeds, target) is { } lfanew)
                changes.Add(new Operation.Patch(lfanew.Physical, lfanew.Width, 0xFFFF_FFF0) { Note = $"in memory: {lfanew.Name}, so the headers come from the file", OnEvidence = true });
            return new Recipe(seed, index, kind, changes, FileCommands[random.Next(FileCommands.Length)]) { Target = target };
        }
        var applicable = Mutators.Where(m => m.Applies(kind)).ToArray();
        var mutator = applicable[random.Next(applicable.Length)];
        var operations = mutator.Mutate(random, kind, seeds);
        var commands = kind == SeedKind.Aff4 ? Commands.Concat(Aff4Commands).ToArray() : Commands;
        return new Recipe(seed, index, kind, operations, commands[random.Next(commands.Length)]);
    }
}

using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs modules</c>: a process's loaded modules, or the kernel's.</summary>
internal static class ModulesCommand
{
    public static Command Create()
    {
        var options = new SystemOptions();
        var pid = PidOption.Create("the process (default: kernel modules from PsLoadedModuleList)");
        var command = new Command("modules", "List loaded modules in load order: base, size, full path. With --pid, the process's PEB " +
            "loader list; without, the kernel's PsLoadedModuleList.\n\n" +
            "Examples:\n" +
            "  memfs modules memory.aff4\n" +
            "  memfs modules memory.aff4 --pid 1234 --json");
        options.AddTo(command);
        command.Add(pid);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var reference = PidOption.Value(parse, pid);
            using var session = options.Open(parse);
            if (reference is null && DumpDriverList(session.Image) is { } drivers)
            {
                PrintDrivers(drivers, parse.GetValue(options.Json));
                Console.Error.WriteLine("note: kernel modules from the dump's own driver list (a triage dump holds no page tables)");
                return 0;
            }
            var result = reference is { } p ? session.RequireSystem().Modules(session.Process(p)) : session.RequireSystem().KernelModules();
            Print(result.Modules, parse.GetValue(options.Json));
            DiagnosticsOutput.Warn(session, result.Problems);
            return 0;
        }));
        return command;
    }

    /// <summary>A triage dump lists its drivers itself and has no memory to walk PsLoadedModuleList in.</summary>
    private static IReadOnlyList<DumpModule>? DumpDriverList(PhysicalImage image) =>
        image.Facts.Modules.Count == 0 || image.Memory.Runs.Count > 0 ? null : image.Facts.Modules;

    private static void PrintDrivers(IReadOnlyList<DumpModule> drivers, bool json)
    {
        if (!json)
        {
            Console.Write(DriverListText.Render(drivers));
            return;
        }
        Console.WriteLine(CliJson.Serialize(drivers.Select(d =>
            new DriverRow(Hex.Of(d.Base), Hex.Of(d.Size), WindowsPath.FileName(d.Path), d.Path, Hex.Of(d.TimeDateStamp))).ToList()));
    }

    public static void Print(IReadOnlyList<ModuleInfo> modules, bool json)
    {
        if (json)
        {
            Console.WriteLine(CliJson.Serialize(modules.Select(m => new ModuleRow(Hex.Of(m.Base), Hex.Of(m.Size), m.BaseName, m.FullName)).ToList()));
            return;
        }
        Console.WriteLine($"{"Base",-18} {"Size",10}  Path");
        foreach (var m in modules) Console.WriteLine($"0x{m.Base:X16} {m.Size,10:X}  {m.FullName ?? m.BaseName}");
    }
}

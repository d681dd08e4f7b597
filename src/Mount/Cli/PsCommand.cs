using System.CommandLine;
using System.Text.Json;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs ps</c>: the processes of a Windows memory image.</summary>
internal static class PsCommand
{
    public static Command Create()
    {
        var options = new SystemOptions();
        var tree = new Option<bool>("--tree") { Description = "show processes under their parents" };
        var scan = new Option<bool>("--scan") { Description = "also scan physical memory for EPROCESS objects not on the active list (terminated or hidden)" };
        var command = new Command("ps", "List the processes on the active process list: PID, parent, name, create and exit time, " +
            "EPROCESS, DTB, PEB, image path and command line; the kernel and the symbol sources are found offline.\n\n" +
            "Examples:\n" +
            "  memfs ps memory.aff4\n" +
            "  memfs ps memory.dmp --tree\n" +
            "  memfs ps memory.raw --symbols /cases/symbols --json");
        options.AddTo(command);
        command.Add(tree);
        command.Add(scan);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var session = options.Open(parse);
            var system = session.RequireSystem();
            var processes = system.Processes;
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(processes.Select(p => new
                {
                    pid = p.Pid, ppid = p.ParentPid, name = p.Name, eprocess = Hex.Of(p.Eprocess), dtb = Hex.Of(p.Dtb), userDtb = Hex.Of(p.UserDtb),
                    peb = Hex.Of(p.Peb), created = p.CreateTime, exited = p.ExitTime, imagePath = p.ImagePath, commandLine = p.CommandLine, foundBy = p.FoundBy,
                }), new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            Console.WriteLine($"{"PID",7} {"PPID",7}  {"Name",-16} {"Created (UTC)",-20} {"EPROCESS",-18} {"DTB",-12} Path / command line");
            var rows = parse.GetValue(tree) ? Tree(processes) : processes.Select(p => (p, 0));
            foreach (var (p, depth) in rows)
                Console.WriteLine($"{p.Pid,7} {p.ParentPid,7}  {new string('.', depth) + p.Name,-16} {p.CreateTime?.ToString("yyyy-MM-dd HH:mm:ss") ?? "-",-20} " +
                                  $"0x{p.Eprocess:X16} 0x{p.Dtb:X10} {p.CommandLine ?? p.ImagePath ?? ""}");
            if (parse.GetValue(scan))
            {
                Console.WriteLine();
                Console.WriteLine("Not on the active process list (EPROCESS scan; terminated or hidden):");
                foreach (var c in system.UnlinkedProcesses())
                    Console.WriteLine($"{c.Pid,7} {c.ParentPid,7}  {c.Name,-16} {c.CreateTime?.ToString("yyyy-MM-dd HH:mm:ss") ?? "-",-20} physical 0x{c.PhysicalAddress:X} " +
                                      (c.ExitTime is { } exit ? $"exited {exit:yyyy-MM-dd HH:mm:ss}" : ""));
            }
            foreach (var w in session.Diagnostics.Lines()) Console.Error.WriteLine($"warning: {w}");
            return 0;
        }));
        return command;
    }

    /// <summary>Depth-first by parent; processes whose parent is not listed are roots. Cycles of PPIDs are cut.</summary>
    private static IEnumerable<(ProcessInfo, int)> Tree(IReadOnlyList<ProcessInfo> processes)
    {
        var pids = processes.Select(p => p.Pid).ToHashSet();
        var children = processes.ToLookup(p => p.ParentPid ?? -1);
        var shown = new HashSet<ulong>();
        IEnumerable<(ProcessInfo, int)> Visit(ProcessInfo p, int depth)
        {
            if (!shown.Add(p.Eprocess)) yield break;
            yield return (p, depth);
            foreach (var child in children[p.Pid].Where(c => c.Pid != p.Pid))
                foreach (var row in Visit(child, depth + 1)) yield return row;
        }
        foreach (var root in processes.Where(p => p.ParentPid is null || !pids.Contains(p.ParentPid.Value) || p.ParentPid == p.Pid))
            foreach (var row in Visit(root, 0)) yield return row;
        foreach (var rest in processes.Where(p => !shown.Contains(p.Eprocess)))
            foreach (var row in Visit(rest, 0)) yield return row;
    }
}

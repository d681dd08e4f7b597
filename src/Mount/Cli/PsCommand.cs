using System.CommandLine;
using MemFs.Mount.Cli.Json;
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
        var command = new Command("ps", "List the processes on the active process list, one row each: PID, PPID (parent), Name, " +
            "Created (UTC), EPROCESS (kernel address), DTB, and the command line (else the image path). --json adds the user DTB, PEB, " +
            "exit time, image path and how each was found; --scan adds processes only the EPROCESS scan finds (terminated or hidden). " +
            "The kernel and the symbol sources are found offline.\n\n" +
            "Examples:\n" +
            "  memfs ps memory.aff4\n" +
            "  memfs ps memory.dmp --tree\n" +
            "  memfs ps memory.raw --symbols /cases/symbols --json");
        options.AddTo(command);
        command.Add(tree);
        command.Add(scan);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            using var session = options.Open(parse);
            var processes = session.RequireSystem().Processes;
            var scanned = parse.GetValue(scan)
                ? ProgressReporter.Run("scanning physical memory for EPROCESS objects", session.Image.BackedBytes, session.ScannedProcessesReporting, onlyWhenSlow: true)
                : [];
            if (parse.GetValue(options.Json))
            {
                var rows = processes.Select(p => Row(p, null)).Concat(scanned.Select(s => s.Process is { } p ? Row(p, s)
                    : new ProcessRow(s.Candidate.Pid, s.Candidate.ParentPid, s.Candidate.Name, null, $"0x{s.Candidate.PhysicalAddress:X}",
                        Hex.Of(s.Candidate.Dtb), null, null, s.Candidate.CreateTime, s.Candidate.ExitTime, null, null, "EPROCESS scan", s.WhyUnplaced)));
                Console.WriteLine(CliJson.Serialize(rows.ToList()));
            }
            else Table(processes, scanned, parse.GetValue(tree));
            DiagnosticsOutput.Warn(session);
            return 0;
        }));
        return command;
    }

    private static ProcessRow Row(ProcessInfo p, ScannedProcess? scanned) => new(
        p.Pid, p.ParentPid, p.Name, Hex.Of(p.Eprocess), scanned is null ? null : $"0x{scanned.Candidate.PhysicalAddress:X}",
        Hex.Of(p.Dtb), Hex.Of(p.UserDtb), Hex.Of(p.Peb), p.CreateTime, p.ExitTime, p.ImagePath, p.CommandLine, p.FoundBy, null);

    /// <summary>
    /// The active list (as a tree with <paramref name="tree"/>, scanned processes placed under their parents and marked *),
    /// then every scanned process by its EPROCESS and physical address.
    /// </summary>
    private static void Table(IReadOnlyList<ProcessInfo> processes, IReadOnlyList<ScannedProcess> scanned, bool tree)
    {
        Console.WriteLine($"{"PID",7} {"PPID",7}  {"Name",-16} {"Created (UTC)",-20} {"EPROCESS",-18} {"DTB",-12} Path / command line");
        var placed = scanned.Where(s => s.Process is not null).Select(s => s.Process!).ToList();
        var rows = tree ? Tree(processes.Concat(placed).ToList()) : processes.Select(p => (p, 0));
        foreach (var (p, depth) in rows)
            Console.WriteLine($"{p.Pid,7} {p.ParentPid,7}  {new string('.', depth) + p.Name + (p.InActiveList ? "" : "*"),-16} {p.CreateTime?.ToString("yyyy-MM-dd HH:mm:ss") ?? "-",-20} " +
                              $"0x{p.Eprocess:X16} 0x{p.Dtb:X10} {p.CommandLine ?? p.ImagePath ?? ""}");
        if (scanned.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine("Not on the active process list (EPROCESS scan; terminated or hidden)" + (tree && placed.Count > 0 ? ", marked * in the tree:" : ":"));
        foreach (var s in scanned)
        {
            var c = s.Candidate;
            Console.WriteLine($"{c.Pid,7} {c.ParentPid,7}  {c.Name,-16} {c.CreateTime?.ToString("yyyy-MM-dd HH:mm:ss") ?? "-",-20} {s.Location}" +
                              (c.ExitTime is { } exit ? $", exited {exit:yyyy-MM-dd HH:mm:ss}" : "") + (s.WhyUnplaced is { } why ? $": {why}" : ""));
        }
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

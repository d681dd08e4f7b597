using System.Text;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Vfs.Producers;

/// <summary>The text files of a process directory (info.txt, vads.txt, vtop/README.txt) and /unlinked/README.txt.</summary>
internal static class ProcessTexts
{
    public static string Info(ProcessView view)
    {
        var p = view.Process;
        var text = new StringBuilder();
        void Field(string name, object? value) => text.AppendLine($"{name + ":",-18} {value}");
        Field("pid", p.Pid);
        Field("ppid", p.ParentPid);
        Field("name", p.Name);
        Field("created (UTC)", p.CreateTime?.ToString("yyyy-MM-dd HH:mm:ss.fff"));
        Field("exited (UTC)", p.ExitTime?.ToString("yyyy-MM-dd HH:mm:ss.fff"));
        Field("EPROCESS", $"0x{p.Eprocess:X}");
        Field("DTB", $"0x{p.Dtb:X}");
        Field("user DTB", p.UserDtb is { } u ? $"0x{u:X}" : null);
        Field("PEB", p.Peb is { } peb ? $"0x{peb:X}" : null);
        Field("WoW64", p.Wow64 is { } w && w != 0 ? $"0x{w:X}" : "no");
        Field("image path", p.ImagePath);
        Field("command line", p.CommandLine);
        Field("found by", p.FoundBy);
        Field("VADs", view.Vads.Count);
        Field("holes", view.Holes == HolePolicy.Strict
            ? "--strict: pages with no content read as zeros, unresolvable pages fail with EIO (see vadmap.txt, coverage.txt)"
            : "pages without bytes read as zeros (see vadmap.txt, coverage.txt)");
        return text.ToString();
    }

    public static string Vads(ProcessView view) => VadTable.Render(view.Vads);

    public static string UnlinkedReadme(IReadOnlyList<ScannedProcess> scanned)
    {
        var placed = scanned.Where(s => s.Process is not null).ToList();
        var unplaced = scanned.Where(s => s.Process is null).ToList();
        var text = new StringBuilder()
            .AppendLine("Processes that are not on the active process list: terminated, or unlinked to hide them. They were found by")
            .AppendLine("scanning physical memory for EPROCESS pool allocations (tag Proc), and each directory here has the same files")
            .AppendLine("as one under /processes. A terminated process's memory may already be reused: check its exit time.")
            .AppendLine()
            .AppendLine($"{placed.Count} found and placed:");
        foreach (var s in placed)
            text.AppendLine($"  {s.Process!.Pid}-{s.Process.Name}  {s.Location}, created {s.Process.CreateTime?.ToString("u") ?? "?"}, exited {s.Process.ExitTime?.ToString("u") ?? "no"}");
        if (unplaced.Count > 0)
        {
            text.AppendLine().AppendLine($"{unplaced.Count} found but not shown:");
            foreach (var s in unplaced) text.AppendLine($"  {s.Candidate.Pid} {s.Candidate.Name}, {s.Location}: {s.WhyUnplaced}");
        }
        return text.ToString();
    }

    public const string VtopReadme =
        "Reading vtop/<hex address>.txt (e.g. vtop/7ff6a1230000.txt or vtop/0x7FF6A1230000.txt) gives that address's\n" +
        "translation in this process, every step shown: each table entry's location and value, the decoded PTE,\n" +
        "VAD and prototype PTE lookups, subsection to file, pagefile number and offset, and the final location\n" +
        "in the extended physical space, or why there is none. The files are not listed; any address works.\n";

    public static string Vtop(ProcessView view, ulong va)
    {
        var trace = new TraceRecorder();
        var result = view.System.Translator.Translate(view.Process.Dtb, va, view.Memory.Vads, trace);
        return TraceRenderer.Render(va, trace.Steps, result, view.System.Translator.Settings);
    }
}

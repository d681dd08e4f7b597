using System.Text;
using MemFs.Aff4.Caching;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Patches;

/// <summary>
/// patches.txt: a process's patched code (in its directory) or every process's (at the root), one line per differing
/// run in code: module, section, RVA, length, the export it falls in, and the recovery.txt that shows it.
/// </summary>
internal static class PatchesText
{
    private const string Header = "# {0}: code bytes in memory that differ from the file on disk (hooks, patches)";
    private static readonly string Columns = $"# {"module",-24} {"section",-8} {"RVA",-10} {"length",6}  {"where",-40} report";

    public static string ForProcess(ProcessView view, ChunkCache cache)
    {
        var text = new StringBuilder().AppendLine(string.Format(Header, $"{view.Process.Pid} {view.Process.Name}")).AppendLine(Columns);
        Append(text, ProcessPatches.Find(view, cache), null);
        return text.ToString();
    }

    /// <param name="views">Every process, with the directory (relative to the root) its reports are in.</param>
    public static string ForMount(IEnumerable<(ProcessView View, string Directory)> views, ChunkCache cache)
    {
        var text = new StringBuilder().AppendLine(string.Format(Header, "every process")).AppendLine(Columns);
        foreach (var (view, directory) in views) Append(text, ProcessPatches.Find(view, cache), directory);
        return text.ToString();
    }

    private static void Append(StringBuilder text, ProcessPatches found, string? directory)
    {
        var prefix = directory is null ? "" : directory + "/";
        foreach (var p in found.Patches)
            text.AppendLine($"  {p.Module,-24} {p.Section,-8} 0x{p.Rva:X8} {p.Length,6}  {p.Symbol ?? "-",-40} {prefix}{p.Report}");
        foreach (var note in found.NotCompared) text.AppendLine(directory is null ? $"  # {note}" : $"  # {directory}: {note}");
    }
}

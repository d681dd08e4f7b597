using System.Text;
using MemFs.Aff4.Caching;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Findings;

/// <summary>
/// findings.txt and <c>memfs findings</c>: every provider's findings for a process, or for every process (linked, then
/// those only the EPROCESS scan found). New kinds are added as providers to <see cref="Providers"/>.
/// </summary>
public static class FindingsReport
{
    private static readonly IReadOnlyList<IFindingProvider> Providers =
        [new ScanOnlyProcess(), new UnbackedExecutableMemory(), new ImageWithoutLoaderEntry(), new LoaderEntryWithoutImage(), new ModuleUnlinkedFromLoaderLists(), new PatchedCode(), new IatHook(), new ThreadStartOutsideImages()];

    public const string Columns = "# kind | pid process | virtual range | module or file | why | open next";

    public static IReadOnlyList<Finding> Find(FindingSubject subject) => Providers.SelectMany(p => p.Find(subject)).ToList();

    public static IReadOnlyList<Finding> Find(IEnumerable<FindingSubject> subjects) => subjects.SelectMany(Find).ToList();

    /// <summary>Every process as a subject: the active list under processes/, the scan's under unlinked/.</summary>
    public static IEnumerable<FindingSubject> Subjects(IEnumerable<ProcessView> linked, IEnumerable<ProcessView> unlinked, ChunkCache cache) =>
        linked.Select(v => FindingSubject.Of(v, false, cache)).Concat(unlinked.Select(v => FindingSubject.Of(v, true, cache)));

    /// <summary>Views of every process the system has: the active list, then the placed processes the EPROCESS scan found.</summary>
    public static (IReadOnlyList<ProcessView> Linked, IReadOnlyList<ProcessView> Unlinked) Views(WindowsSystem system, HolePolicy holes) => (
        system.Processes.Select(p => new ProcessView(system, p, holes)).ToList(),
        system.ScannedProcesses.Where(s => s.Process is not null).Select(s => new ProcessView(system, s.Process!, holes)).ToList());

    public static string Render(string title, IReadOnlyList<Finding> findings)
    {
        var text = new StringBuilder().AppendLine($"# {title}: {findings.Count} findings").AppendLine(Columns);
        foreach (var f in findings) text.AppendLine(Line(f));
        return text.ToString();
    }

    public static string Line(Finding f) =>
        $"{f.Kind} | {f.Pid} {f.Process} | 0x{f.Start:X}-0x{f.End:X} | {f.Module ?? "-"} | {f.Why} | {f.Next}";
}

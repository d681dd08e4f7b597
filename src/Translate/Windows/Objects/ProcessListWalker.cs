using MemFs.Translate.Windows.Layouts;

namespace MemFs.Translate.Windows.Objects;

/// <summary>The processes on PsActiveProcessHead's ActiveProcessLinks list, bounded and cycle-safe.</summary>
internal static class ProcessListWalker
{
    public sealed record Result(IReadOnlyList<ProcessInfo> Processes, IReadOnlyList<string> Problems);

    public static Result Walk(KernelStructReader kernel, EprocessLayout layout, ulong psActiveProcessHead)
    {
        var links = (ulong)layout.ActiveProcessLinks;
        var list = LinkedListWalker.Walk(kernel, psActiveProcessHead);
        var reader = new ProcessReader(kernel, layout);
        var processes = new List<ProcessInfo>();
        var problems = new List<string>(list.Problems);
        foreach (var entry in list.Entries)
        {
            var process = reader.Read(entry - links, inActiveList: true, out var problem);
            if (process is null) problems.Add(problem!);
            else processes.Add(process);
        }
        return new Result(processes, problems);
    }
}

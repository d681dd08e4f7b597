namespace MemFs.Vfs.Findings;

/// <summary>A process the EPROCESS scan found that is not on the active process list: terminated, or unlinked to hide it.</summary>
internal sealed class ScanOnlyProcess : IFindingProvider
{
    public const string Kind = "process-not-in-active-list";

    public IEnumerable<Finding> Find(FindingSubject subject)
    {
        if (!subject.OnlyScanFound) yield break;
        var p = subject.View.Process;
        var why = p.ExitTime is { } exit
            ? $"only the EPROCESS scan finds this process, which exited {exit:yyyy-MM-dd HH:mm:ss} UTC: terminated, its memory may be reused"
            : "only the EPROCESS scan finds this process and it has no exit time: unlinked from the active process list to hide it";
        yield return new Finding(Kind, p.Pid, p.Name, p.Eprocess, p.Eprocess, p.ImagePath, why, $"{subject.Directory}/info.txt");
    }
}

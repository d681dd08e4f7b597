namespace MemFs.Vfs.Findings;

/// <summary>One kind of finding: what it reports about a process, from facts other producers already read.</summary>
internal interface IFindingProvider
{
    IEnumerable<Finding> Find(FindingSubject subject);
}

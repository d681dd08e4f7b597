namespace MemFs.Translate.Paging.KernelSpace;

/// <summary>Consecutive kernel pages from <see cref="Start"/> to <see cref="Last"/> (inclusive: the last run may end at
/// 0xFFFFFFFFFFFFFFFF) whose entries say the same <see cref="Kind"/>.</summary>
public readonly record struct KernelPageRun(ulong Start, ulong Last, KernelPageKind Kind)
{
    public long Pages => (long)((Last - Start) >> 12) + 1;

    public bool Contains(ulong va) => va >= Start && va <= Last;
}

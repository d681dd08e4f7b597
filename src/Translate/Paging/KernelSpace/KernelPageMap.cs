namespace MemFs.Translate.Paging.KernelSpace;

/// <summary>
/// What the kernel half of an address space maps (PML4 entries 256–511), from its page tables: sorted,
/// non-overlapping <see cref="Runs"/> of non-zero entries, the <see cref="SelfMap"/> when one PML4 entry points back at
/// the PML4, and what the walk could not follow.
/// </summary>
public sealed record KernelPageMap(
    ulong Dtb,
    IReadOnlyList<KernelPageRun> Runs,
    SelfMap? SelfMap,
    int PresentPml4Entries,
    long TablesRead,
    bool Truncated,
    IReadOnlyList<string> Problems)
{
    /// <summary>The first kernel address: PML4 entry 256.</summary>
    public const ulong KernelStart = 0xFFFF_8000_0000_0000;

    /// <summary>The index of the first run that ends at or after <paramref name="va"/> (Runs.Count when none does).</summary>
    public int FirstEndingAtOrAfter(ulong va)
    {
        int low = 0, high = Runs.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Runs[mid].Last < va) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>The run holding <paramref name="va"/>, or null when its page is not mapped.</summary>
    public KernelPageRun? RunAt(ulong va) => FirstEndingAtOrAfter(va) is var i && i < Runs.Count && Runs[i].Contains(va) ? Runs[i] : null;
}

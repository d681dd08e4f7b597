namespace MemFs.Translate.Paging.KernelSpace;

/// <summary>
/// The PML4 entry that points at the PML4 itself (Windows' page-table self-map; MmPteBase = the sign-extended index
/// &lt;&lt; 39). Through it every page table has a virtual address: the PT for va at (s, i4, i3, i2), its PD at
/// (s, s, i4, i3), its PDPT at (s, s, s, i4), the PML4 at (s, s, s, s), where i4..i2 are va's PML4, PDPT and PD indices.
/// </summary>
public readonly record struct SelfMap(int Index)
{
    /// <summary>The 512 GiB the self-map spans: MmPteBase (Start) to Last, inclusive.</summary>
    public ulong Start => Compose(Index, 0, 0, 0);

    public ulong Last => Start + ((1UL << 39) - 1);

    /// <summary>The virtual address of the table at <paramref name="level"/> (0 = PT … 3 = PML4) that maps <paramref name="va"/>.</summary>
    public ulong TableAddress(int level, ulong va)
    {
        int I(int l) => (int)((va >> (12 + 9 * l)) & 0x1FF);
        return level switch
        {
            0 => Compose(Index, I(3), I(2), I(1)),
            1 => Compose(Index, Index, I(3), I(2)),
            2 => Compose(Index, Index, Index, I(3)),
            _ => Compose(Index, Index, Index, Index),
        };
    }

    /// <summary>The canonical address with these PML4, PDPT, PD and PT indices.</summary>
    public static ulong Compose(int pml4, int pdpt, int pd, int pt) =>
        PteDecoder.SignExtend48((ulong)pml4 << 39 | (ulong)pdpt << 30 | (ulong)pd << 21 | (ulong)pt << 12);
}

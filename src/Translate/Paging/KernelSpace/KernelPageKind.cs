namespace MemFs.Translate.Paging.KernelSpace;

/// <summary>What the kernel's page tables say about a run of kernel pages.</summary>
public enum KernelPageKind
{
    /// <summary>A valid 4 KiB PTE.</summary>
    Valid,

    /// <summary>A valid PDE with PS set: a 2 MiB page.</summary>
    LargePage2M,

    /// <summary>A valid PDPTE with PS set: a 1 GiB page.</summary>
    LargePage1G,

    /// <summary>A transition PTE (the page is on the standby or modified list).</summary>
    Transition,

    /// <summary>A pagefile PTE (paged pool paged out).</summary>
    Pagefile,

    /// <summary>Any other non-zero PTE (prototype, demand zero, compressed store, invalid): the translator decides.</summary>
    Software,

    /// <summary>A page table itself, seen through the self-referencing PML4 entry.</summary>
    PageTable,
}

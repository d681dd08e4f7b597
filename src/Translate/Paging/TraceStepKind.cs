namespace MemFs.Translate.Paging;

public enum TraceStepKind
{
    Dtb,
    Pml4e,
    Pdpte,
    Pde,
    Pte,
    PrototypePte,
    VadLookup,
    Subsection,
    /// <summary>A hop of the compressed-store walk (SmGlobals, B+trees, store, record, region), or a region page's own translation.</summary>
    CompressedStore,
    Note,
}

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
    Note,
}

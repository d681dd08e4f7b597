namespace MemFs.Translate.Paging;

/// <summary>What a page-table entry says (translation.md §2.1).</summary>
public enum PteKind
{
    Valid,
    Transition,
    PrototypePointer,
    VadMarker,
    Zero,
    DemandZero,
    Pagefile,
    VirtualStore,
    Subsection,
    FileBackedMarker,
    Invalid,
}

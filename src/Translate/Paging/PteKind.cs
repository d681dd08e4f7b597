namespace MemFs.Translate.Paging;

/// <summary>What a page-table entry says: which view of the _MMPTE union applies.</summary>
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

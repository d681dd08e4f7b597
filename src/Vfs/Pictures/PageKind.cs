namespace MemFs.Vfs.Pictures;

/// <summary>A virtual page's state as vmem.png shows it; callers map their own translation states onto these.</summary>
internal enum PageKind
{
    /// <summary>Resident in physical memory.</summary>
    Valid,

    /// <summary>On a standby or modified list, still in physical memory.</summary>
    Transition,

    /// <summary>Paged out to a pagefile.</summary>
    Pagefile,

    /// <summary>In the compressed store (MemCompression), decompressed on read.</summary>
    Compressed,

    /// <summary>Backed by a mapped file (image or data section) and not resident.</summary>
    FileBacked,

    /// <summary>Committed but never touched: reads as zeros.</summary>
    DemandZero,

    /// <summary>Reserved and never committed.</summary>
    Reserved,

    /// <summary>The translation cannot say what the page holds.</summary>
    Unresolvable,

    /// <summary>A Windows 11 22H2+ file-backed PTE whose encoding is not known: from a file, but not readable.</summary>
    FileBackedMarker,
}

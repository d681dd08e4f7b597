namespace MemFs.Translate.Paging;

/// <summary>The page states <c>vadmap</c> reports (Rekall's categories plus the reasons we cannot resolve).</summary>
public enum PageState
{
    Valid,
    Transition,
    Pagefile,
    /// <summary>In the compressed store (MemCompression), decompressed on read.</summary>
    Compressed,
    FileMapping,
    DemandZero,
    /// <summary>Address space reserved in a VAD but never committed: no memory exists there (an access faults).</summary>
    Reserved,
    /// <summary>Committed once, then decommitted (MM_DECOMMIT): no memory exists there (an access faults).</summary>
    Decommitted,
    /// <summary>Address space no VAD covers (MEM_FREE): never reserved, so no memory exists there.</summary>
    Free,
    Unresolvable,
    /// <summary>
    /// A Windows 11 22H2+ (build 22621 and later) non-present PTE in the file-backed format
    /// (pte &amp; 0xFFFF_8000_0000_000F == 0xFFFF_8000_0000_0000): the page is backed by a mapped file, but the encoding
    /// is not publicly documented, so no offset can be derived. Kept apart from <see cref="Unresolvable"/> with the raw value.
    /// </summary>
    FileBackedMarker,
}

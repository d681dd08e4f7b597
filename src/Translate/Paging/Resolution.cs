using MemFs.Translate.Extended;

namespace MemFs.Translate.Paging;

/// <summary>
/// Where a virtual page's bytes are. <see cref="Location"/> is set for every state that names a place
/// (also when that place is not available, e.g. a pagefile that was not supplied); <see cref="Available"/>
/// says whether reading it will work; <see cref="Reason"/> says why not.
/// </summary>
public readonly record struct Resolution(
    PageState State,
    ExtendedLocation? Location,
    bool Available,
    bool ViaPrototype,
    int Protection,
    long PageSize,
    string? Reason,
    int DataBytes = 4096)
{
    /// <param name="dataBytes">For the last page of an image subsection's file data: how many bytes come from the
    /// file; the rest of the page reads as zeros (Windows zero-fills it).</param>
    public static Resolution Mapped(PageState state, ExtendedLocation location, bool prototype, int protection, long pageSize = 4096, int dataBytes = 4096) =>
        new(state, location, true, prototype, protection, pageSize, null, dataBytes);

    public static Resolution DemandZero(bool prototype, int protection) => new(PageState.DemandZero, null, true, prototype, protection, 4096, null);

    public static Resolution Unresolvable(string reason, bool prototype = false, int protection = -1) =>
        new(PageState.Unresolvable, null, false, prototype, protection, 4096, reason);

    /// <summary>Reserved, not committed: no bytes exist. Not readable; a sparse view may show it as a hole.</summary>
    public static Resolution Reserved(int protection) =>
        new(PageState.Reserved, null, false, false, protection, 4096, "private memory reserved but not committed");

    /// <summary>Decommitted: no bytes exist. Not readable; a sparse view shows it as a hole.</summary>
    public static Resolution Decommitted(bool prototype, int protection) =>
        new(PageState.Decommitted, null, false, prototype, protection, 4096, "decommitted page (MM_DECOMMIT): Windows would fault, there are no bytes");

    /// <summary>Outside every VAD: no bytes exist. Not readable; a sparse view shows it as a hole.</summary>
    public static Resolution Free() =>
        new(PageState.Free, null, false, false, -1, 4096, "no VAD covers this address: it was never reserved");

    /// <summary>The Windows 11 22H2+ file-backed PTE format: its encoding is unknown, so the raw value is all there is.</summary>
    public static Resolution FileBackedMarker(ulong raw) =>
        new(PageState.FileBackedMarker, null, false, false, -1, 4096,
            $"Windows 11 22H2+ file-backed PTE 0x{raw:X16}: its encoding is not documented, the file offset cannot be derived");

    public static Resolution Missing(PageState state, ExtendedLocation location, string reason, bool prototype, int protection) =>
        new(state, location, false, prototype, protection, 4096, reason);

    /// <summary>Bytes can be produced: from <see cref="Location"/>, or zeros for demand-zero pages.</summary>
    public bool Readable => Available && (State == PageState.DemandZero || Location is not null);

    /// <summary>No bytes exist at all (reserved, decommitted, free): a hole whatever the sources, unlike a page
    /// whose bytes exist somewhere that cannot be read.</summary>
    public bool HasNoContent => State is PageState.Reserved or PageState.Decommitted or PageState.Free;
}

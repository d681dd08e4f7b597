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

    public static Resolution Missing(PageState state, ExtendedLocation location, string reason, bool prototype, int protection) =>
        new(state, location, false, prototype, protection, 4096, reason);

    /// <summary>Bytes can be produced: from <see cref="Location"/>, or zeros for demand-zero pages.</summary>
    public bool Readable => Available && (State == PageState.DemandZero || Location is not null);
}

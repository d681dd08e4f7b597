namespace MemFs.Translate.Paging;

/// <summary>
/// One page-table entry decoded: its kind and fields, from the raw value and (for non-present entries of
/// swizzling kernels, 1809+, when _MMPTE_SOFTWARE.SwizzleBit is clear) the value with InvalidPteMask removed.
/// </summary>
public readonly record struct DecodedPte(
    PteKind Kind,
    ulong Raw,
    ulong Value,
    bool Unswizzled,
    int Protection,
    int PagefileNumber = 0,
    long PagefileOffset = 0,
    long FrameAddress = 0,
    ulong Pointer = 0,
    string? Problem = null)
{
    /// <summary>The store key of a page in the Windows 10 virtual (compressed) store: (number &lt;&lt; 28) | page index.</summary>
    public uint StoreKey => (uint)(PagefileNumber << 28) | (uint)(PagefileOffset >> 12);
}

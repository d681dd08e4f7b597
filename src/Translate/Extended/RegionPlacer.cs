namespace MemFs.Translate.Extended;

/// <summary>
/// Hands out bases in the extended space one after another, each aligned and past the previous region. Lengths
/// come from evidence (a pagefile's or an acquired file's stated size), so a region that would end past
/// <see cref="long.MaxValue"/> is refused rather than wrapped.
/// </summary>
internal sealed class RegionPlacer(long firstFree)
{
    private long _nextFree = firstFree;

    /// <summary>The next free base aligned to <paramref name="alignment"/>; even an empty source gets a base of its own.</summary>
    public bool TryPlace(long length, long alignment, out long start)
    {
        start = 0;
        if (length < 0 || AlignUp(_nextFree, alignment) is not { } aligned || Math.Max(length, 1) > long.MaxValue - aligned) return false;
        start = aligned;
        _nextFree = aligned + Math.Max(length, 1);
        return true;
    }

    /// <summary><paramref name="value"/> rounded up to a multiple of <paramref name="alignment"/>, or null past <see cref="long.MaxValue"/>.</summary>
    public static long? AlignUp(long value, long alignment) =>
        value > long.MaxValue - (alignment - 1) ? null : (value + alignment - 1) / alignment * alignment;
}

namespace MemFs.Translate.Extended;

/// <summary>The outcome of looking a mapped file up once: placed, or why not.</summary>
internal sealed record MappedFileLookup(PlacedSource? Placed, string? Reason)
{
    public static MappedFileLookup Found(PlacedSource placed) => new(placed, null);

    public static MappedFileLookup Missing(string reason) => new(null, reason);
}

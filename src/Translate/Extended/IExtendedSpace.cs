namespace MemFs.Translate.Extended;

/// <summary>
/// Physical memory, every pagefile and every available mapped file as one address space (Rekall's design):
/// each source is placed at a distinct, reported base, so every translation ends at one location and every
/// read is served the same way. Thread-safe.
/// </summary>
public interface IExtendedSpace
{
    /// <summary>
    /// Reads exactly <c>destination.Length</c> bytes. Throws <see cref="BackingUnavailableException"/> when the
    /// pagefile or file is not supplied or the offset lies past its end, <c>PhysicalHoleException</c> for a
    /// physical hole, and <see cref="IOException"/> when a source is damaged.
    /// </summary>
    void Read(ExtendedLocation location, Span<byte> destination);

    /// <summary>
    /// Reads the parts of one request together; <paramref name="failures"/>[i] gets what <see cref="Read"/> would have
    /// thrown for part i, null when it was read. This default reads them one by one.
    /// </summary>
    void ReadScattered(ReadOnlySpan<ExtendedRequest> requests, Span<byte> destination, Span<Exception?> failures)
    {
        for (var i = 0; i < requests.Length; i++)
        {
            try
            {
                Read(requests[i].Location, destination.Slice(requests[i].Destination, requests[i].Length));
                failures[i] = null;
            }
            catch (Exception e)
            {
                failures[i] = e;
            }
        }
    }

    /// <summary>Whether the location can be read, and if not why (for traces and vadmap).</summary>
    bool IsAvailable(ExtendedLocation location, out string? reason);

    /// <summary>The length of the mapped file the kernel calls <paramref name="path"/>, or null with why it is not available.</summary>
    long? FileLength(string path, out string? reason);

    /// <summary>The location's offset in the combined space, or null when its source is not placed (not available).</summary>
    long? CombinedOffset(ExtendedLocation location);

    /// <summary>The sources placed so far: name, base in the combined space, length.</summary>
    IReadOnlyList<ExtendedRegion> Regions { get; }
}

/// <summary>
/// One source placed in the combined space: <see cref="Name"/> is what Windows calls it ("pagefile 0", the
/// kernel's path of a mapped file), <see cref="Source"/> where its bytes come from (a file, an AFF4 stream).
/// </summary>
public sealed record ExtendedRegion(BackingKind Kind, string Name, long Base, long Length, int PagefileNumber = -1, string? Source = null)
{
    public long End => Base + Length;

    public override string ToString() =>
        $"0x{Base:X}-0x{End:X} {Name}" + (Source is null || Source == Name ? "" : $" ({Source})") + $", 0x{Length:X} bytes";
}

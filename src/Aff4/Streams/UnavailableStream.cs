namespace MemFs.Aff4.Streams;

/// <summary>
/// A map target that could not be opened (a stripe in a volume that was not given, a missing segment).
/// Opening the map still works; reading a range that needs this target fails with the reason, naming <paramref name="file"/>.
/// </summary>
internal sealed class UnavailableStream(string urn, string reason, string file) : IAff4Stream
{
    public string Urn { get; } = urn;
    public string Reason { get; } = reason;
    public long Length => long.MaxValue;

    public int Read(long position, Span<byte> destination) =>
        throw new Aff4Exception($"'{Urn}' is unavailable: {Reason}", file, Urn, position);
}

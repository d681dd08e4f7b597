using System.Text;

namespace MemFs.Aff4.Streams;

/// <summary>
/// A symbolic stream that repeats a marker string (aff4:UnknownData, aff4:UnreadableData).
/// AFF4 Standard: the string is repeated to fill 1 MiB tiles and every tile starts the string again,
/// so the byte at position p is s[(p mod 1 MiB) mod len(s)].
/// </summary>
internal sealed class RepeatedTextStream : IAff4Stream
{
    public const int TileSize = 1 << 20;

    private readonly byte[] _tile;

    public RepeatedTextStream(string urn, string marker)
    {
        Urn = urn;
        Marker = marker;
        var pattern = Encoding.ASCII.GetBytes(marker);
        _tile = new byte[TileSize];
        for (var i = 0; i < TileSize; i++) _tile[i] = pattern[i % pattern.Length];
    }

    public string Urn { get; }
    public string Marker { get; }
    public long Length => long.MaxValue;

    public int Read(long position, Span<byte> destination)
    {
        if (position < 0) throw new ArgumentOutOfRangeException(nameof(position));
        var done = 0;
        while (done < destination.Length)
        {
            var inTile = (int)((position + done) % TileSize);
            var n = Math.Min(TileSize - inTile, destination.Length - done);
            _tile.AsSpan(inTile, n).CopyTo(destination[done..]);
            done += n;
        }
        return done;
    }
}

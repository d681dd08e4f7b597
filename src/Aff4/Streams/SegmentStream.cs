using MemFs.Aff4.Volumes;

namespace MemFs.Aff4.Streams;

/// <summary>A Zip member read as a stream: small acquired files, metadata, raw PhysicalMemory segments.</summary>
internal sealed class SegmentStream(string urn, Segment segment) : IAff4Stream
{
    public string Urn { get; } = urn;
    public Segment Segment { get; } = segment;
    public long Length => Segment.Length;

    public int Read(long position, Span<byte> destination)
    {
        if (position < 0) throw new ArgumentOutOfRangeException(nameof(position));
        if (position >= Length) return 0;
        var n = (int)Math.Min(destination.Length, Length - position);
        return Segment.ReadExactly(position, destination[..n]);
    }
}

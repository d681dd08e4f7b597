namespace MemFs.Aff4.Streams;

/// <summary>A symbolic stream of one repeated byte (aff4:Zero, aff4:SymbolicStreamXX, aff4:FFDevice).</summary>
internal sealed class RepeatedByteStream(string urn, byte value) : IAff4Stream
{
    public string Urn { get; } = urn;
    public byte Value { get; } = value;
    public long Length => long.MaxValue;

    public int Read(long position, Span<byte> destination)
    {
        if (position < 0) throw new ArgumentOutOfRangeException(nameof(position));
        destination.Fill(Value);
        return destination.Length;
    }
}

using MemFs.Aff4.Streams;

namespace MemFs.Translate.Physical.Sources;

/// <summary>
/// An AFF4 stream as the bytes below a physical format (an ELF core or raw image stored inside an AFF4 volume), or as an
/// acquired file, optionally cut to the <paramref name="length"/> its volumes hold.
/// </summary>
internal sealed class Aff4StreamByteSource(IAff4Stream stream, long? length = null) : IByteSource
{
    public string Name => stream.Urn;
    public long Length { get; } = Math.Min(length ?? stream.Length, stream.Length);

    public int Read(long offset, Span<byte> destination) =>
        offset >= Length ? 0 : stream.Read(offset, destination[..(int)Math.Min(destination.Length, Length - offset)]);

    public void Dispose()
    {
    }
}

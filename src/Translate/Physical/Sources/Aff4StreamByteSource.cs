using MemFs.Aff4.Streams;

namespace MemFs.Translate.Physical.Sources;

/// <summary>An AFF4 stream as the bytes below a physical format (an ELF core or raw image stored inside an AFF4 volume).</summary>
internal sealed class Aff4StreamByteSource(IAff4Stream stream) : IByteSource
{
    public string Name => stream.Urn;
    public long Length => stream.Length;

    public int Read(long offset, Span<byte> destination) => stream.Read(offset, destination);

    public void Dispose()
    {
    }
}

namespace MemFs.Aff4.Codecs;

/// <summary>zlib stream (RFC 1950): WinPmem 2.x default, c-aff4 --compression zlib, pyaff4.</summary>
internal sealed class ZlibCodec : IChunkCodec
{
    internal ZlibCodec()
    {
    }

    public CompressionMethod Method => CompressionMethod.Zlib;

    public byte[] Decompress(ReadOnlySpan<byte> compressed, int maxOutput) =>
        ChunkInflater.Inflate(compressed, maxOutput, zlibWrapped: true);
}

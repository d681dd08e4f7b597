namespace MemFs.Aff4.Codecs;

/// <summary>LZ4 block chunks (c-aff4 since Feb 2019, Evimetry, pyaff4), decoded with the chunk size as the output limit.</summary>
// Our own decoder rather than K4os.Compression.LZ4 1.3.8: LZ4Codec.Decode is about twice as fast but returns
// bytes for a block whose match offset is 0 (invalid in the LZ4 block format) instead of rejecting it.
internal sealed class Lz4Codec : IChunkCodec
{
    internal Lz4Codec()
    {
    }

    public CompressionMethod Method => CompressionMethod.Lz4;

    public byte[] Decompress(ReadOnlySpan<byte> compressed, int maxOutput)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxOutput);
        byte[] output = GC.AllocateUninitializedArray<byte>(maxOutput);
        int written = Lz4BlockDecoder.Decode(compressed, output);
        return written == maxOutput ? output : output.AsSpan(0, written).ToArray();
    }
}

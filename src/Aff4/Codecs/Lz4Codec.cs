namespace MemFs.Aff4.Codecs;

/// <summary>LZ4 block chunks (c-aff4 since Feb 2019, Evimetry, pyaff4), decoded with the chunk size as the output limit.</summary>
public sealed class Lz4Codec : IChunkCodec
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

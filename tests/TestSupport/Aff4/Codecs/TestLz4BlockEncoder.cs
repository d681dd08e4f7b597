using K4os.Compression.LZ4;

namespace MemFs.Tests.Aff4.Codecs;

/// <summary>LZ4 block compression (no frame, no size prefix) as c-aff4 writes chunks, by K4os.Compression.LZ4.</summary>
internal static class TestLz4BlockEncoder
{
    public static byte[] Encode(ReadOnlySpan<byte> input)
    {
        // K4os writes nothing for no input; the reference encoder writes one empty token, which readers must accept.
        if (input.IsEmpty) return [0x00];
        var block = new byte[LZ4Codec.MaximumOutputSize(input.Length)];
        return block.AsSpan(0, LZ4Codec.Encode(input, block)).ToArray();
    }
}

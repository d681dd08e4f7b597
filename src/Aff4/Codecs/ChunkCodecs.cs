namespace MemFs.Aff4.Codecs;

/// <summary>The codec for each <see cref="CompressionMethod"/>; codecs are stateless, so one instance serves all threads.</summary>
internal static class ChunkCodecs
{
    private static readonly IChunkCodec Stored = new StoredCodec();
    private static readonly IChunkCodec Snappy = new SnappyCodec();
    private static readonly IChunkCodec Zlib = new ZlibCodec();
    private static readonly IChunkCodec Deflate = new DeflateCodec();
    private static readonly IChunkCodec Lz4 = new Lz4Codec();

    public static IChunkCodec For(CompressionMethod method) => method switch
    {
        CompressionMethod.Stored => Stored,
        CompressionMethod.Snappy => Snappy,
        CompressionMethod.Zlib => Zlib,
        CompressionMethod.Deflate => Deflate,
        CompressionMethod.Lz4 => Lz4,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown compression method."),
    };
}

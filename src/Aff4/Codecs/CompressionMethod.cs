namespace MemFs.Aff4.Codecs;

/// <summary>How the chunks of an AFF4 ImageStream are compressed (aff4:compressionMethod).</summary>
public enum CompressionMethod
{
    Stored,
    Snappy,
    Zlib,
    Deflate,
    Lz4,
}

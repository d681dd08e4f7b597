namespace MemFs.Translate.Paging.Compression;

/// <summary>Picks the page decoder for a compressed store.</summary>
internal static class PageDecompressors
{
    /// <summary>The first build whose store uses LZ4 (Windows 11 24H2); earlier stores use XPRESS.</summary>
    public const int FirstLz4Build = 26100;

    public static IPageDecompressor For(PageCompressionAlgorithm algorithm) => algorithm switch
    {
        PageCompressionAlgorithm.Xpress => new XpressPageDecompressor(),
        PageCompressionAlgorithm.Lz4 => new Lz4PageDecompressor(),
        _ => throw new NotSupportedException($"compressed-store algorithm {(int)algorithm} is not supported (XPRESS = 3, LZ4 on build {FirstLz4Build}+)."),
    };

    /// <summary>
    /// The decoder for a store on Windows build <paramref name="build"/> whose SMKM_STORE CompressionAlgorithm
    /// field reads <paramref name="storeAlgorithm"/> (ignored from build 26100, which has no such field).
    /// </summary>
    public static IPageDecompressor ForStore(int build, ushort storeAlgorithm)
    {
        if (build >= FirstLz4Build) return For(PageCompressionAlgorithm.Lz4);
        if (storeAlgorithm == (ushort)PageCompressionAlgorithm.Xpress) return For(PageCompressionAlgorithm.Xpress);
        throw new NotSupportedException(
            $"compressed-store algorithm {storeAlgorithm} on build {build} is not supported (only XPRESS = 3 before build {FirstLz4Build}).");
    }
}

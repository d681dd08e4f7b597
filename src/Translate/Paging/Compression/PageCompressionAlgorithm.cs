namespace MemFs.Translate.Paging.Compression;

/// <summary>
/// How the compressed store packed a page. <see cref="Xpress"/> keeps its COMPRESSION_FORMAT value, the one the
/// SMKM_STORE CompressionAlgorithm field holds on Windows 10 1607 to 11 23H2; LZ4 has no public format number
/// (build 26100 dropped that field and stores every page as an LZ4 block), so it takes one outside that range.
/// </summary>
internal enum PageCompressionAlgorithm : ushort
{
    Xpress = 3,
    Lz4 = 0x100,
}

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>How a page is kept in the test store: compressed with the build's algorithm, raw (CompressedSize 0x1000), a zero page (size 0), or the given bytes as they are.</summary>
internal enum StoredAs
{
    Compressed,
    Raw,
    Zero,
    Verbatim,
}

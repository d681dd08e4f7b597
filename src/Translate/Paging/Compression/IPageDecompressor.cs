namespace MemFs.Translate.Paging.Compression;

/// <summary>The decoder of one compressed-store algorithm: a compressed record to a whole page.</summary>
internal interface IPageDecompressor
{
    PageCompressionAlgorithm Algorithm { get; }

    /// <summary>
    /// Fills all of <paramref name="page"/> from <paramref name="compressed"/>; a stream that is malformed or
    /// decodes to any other size throws <see cref="InvalidDataException"/>.
    /// </summary>
    void Decompress(ReadOnlySpan<byte> compressed, Span<byte> page);
}

namespace MemFs.Translate.Paging.Compression;

/// <summary>An <see cref="IPageDecompressor"/> over a stream decoder that reports how much it wrote.</summary>
internal abstract class PageDecompressor : IPageDecompressor
{
    public abstract PageCompressionAlgorithm Algorithm { get; }

    /// <summary>Decodes into <paramref name="destination"/> and returns the number of bytes written.</summary>
    protected abstract int Decode(ReadOnlySpan<byte> compressed, Span<byte> destination);

    public void Decompress(ReadOnlySpan<byte> compressed, Span<byte> page)
    {
        int written = Decode(compressed, page);
        if (written != page.Length)
            throw new InvalidDataException(
                $"{Algorithm} page of {compressed.Length} compressed bytes decodes to {written} bytes, not {page.Length}.");
    }
}

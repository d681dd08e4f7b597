namespace MemFs.Translate.Paging.Compression;

/// <summary>
/// One compressed-store record to its page: a record as long as the page is the page stored raw (the store keeps
/// pages that do not compress that way), anything else goes through the store's decoder.
/// </summary>
internal sealed class StoreRecordDecoder(IPageDecompressor decompressor)
{
    public IPageDecompressor Decompressor { get; } = decompressor;

    public void Decode(ReadOnlySpan<byte> record, Span<byte> page)
    {
        if (record.Length == page.Length)
            record.CopyTo(page);
        else if (record.Length > page.Length)
            throw new InvalidDataException($"compressed-store record of {record.Length} bytes is longer than its page of {page.Length} bytes.");
        else
            Decompressor.Decompress(record, page);
    }
}

namespace MemFs.Translate.Paging.Compression;

/// <summary>Plain XPRESS pages (the compressed store before build 26100).</summary>
internal sealed class XpressPageDecompressor : PageDecompressor
{
    public override PageCompressionAlgorithm Algorithm => PageCompressionAlgorithm.Xpress;

    protected override int Decode(ReadOnlySpan<byte> compressed, Span<byte> destination) =>
        XpressDecoder.Decode(compressed, destination);
}

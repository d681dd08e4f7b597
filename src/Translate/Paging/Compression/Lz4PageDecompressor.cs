using MemFs.Aff4.Codecs;

namespace MemFs.Translate.Paging.Compression;

/// <summary>LZ4 block pages (the compressed store from build 26100).</summary>
internal sealed class Lz4PageDecompressor : PageDecompressor
{
    public override PageCompressionAlgorithm Algorithm => PageCompressionAlgorithm.Lz4;

    protected override int Decode(ReadOnlySpan<byte> compressed, Span<byte> destination) =>
        Lz4BlockDecoder.Decode(compressed, destination);
}

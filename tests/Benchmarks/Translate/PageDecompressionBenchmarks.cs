using BenchmarkDotNet.Attributes;
using MemFs.Tests.Aff4.Codecs;
using MemFs.Tests.Translate.Paging.Compression;
using MemFs.Translate.Paging.Compression;

namespace MemFs.Benchmarks.Translate;

/// <summary>
/// Compressed-store page decoding: 256 distinct 4 KiB pages (text-ish or binary-ish) decoded per operation by the
/// plain XPRESS decoder (stores before build 26100) and the LZ4 block decoder (26100+).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class PageDecompressionBenchmarks
{
    public const int PagesPerOperation = 256;
    private const int PageSize = 4096;

    [Params("text", "binary")]
    public string Kind { get; set; } = "text";

    private byte[][] _xpress = [];
    private byte[][] _lz4 = [];
    private readonly byte[] _page = new byte[PageSize];
    private readonly IPageDecompressor _xpressDecoder = PageDecompressors.For(PageCompressionAlgorithm.Xpress);
    private readonly IPageDecompressor _lz4Decoder = PageDecompressors.For(PageCompressionAlgorithm.Lz4);

    [GlobalSetup]
    public void Setup()
    {
        var pages = Enumerable.Range(0, PagesPerOperation)
            .Select(i => Kind == "text" ? CompressionTestPages.Text(seed: i) : CompressionTestPages.Binary(seed: i))
            .ToArray();
        _xpress = pages.Select(p => TestXpressEncoder.Encode(p)).ToArray();
        _lz4 = pages.Select(p => TestLz4BlockEncoder.Encode(p)).ToArray();
        Console.WriteLine($"// {Kind}: XPRESS {_xpress.Average(p => p.Length):F0} B/page, LZ4 {_lz4.Average(p => p.Length):F0} B/page");
    }

    [Benchmark(Baseline = true)]
    public void Xpress()
    {
        foreach (var compressed in _xpress) _xpressDecoder.Decompress(compressed, _page);
    }

    [Benchmark]
    public void Lz4()
    {
        foreach (var compressed in _lz4) _lz4Decoder.Decompress(compressed, _page);
    }
}

using BenchmarkDotNet.Attributes;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.MemoryCompression;
using MemFs.Tests.Aff4.Codecs;
using MemFs.Tests.Translate.Paging.Compression;
using MemFs.Translate.Paging;
using MemFs.Translate.Paging.Compression;

namespace MemFs.Benchmarks.Translate;

/// <summary>
/// Reading a 64-page region whose pages are all in the compressed store (the B+tree walks, the region reads in
/// MemCompression and the XPRESS (19041) or LZ4 (26100) decoding, with a fresh store each time so nothing comes from
/// its cache) against the same 64 pages valid in physical memory, to show what share of a read the store costs; and
/// the decoding alone of the same 64 pages, to show what share of the store's cost the decoder is.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 8)]
public class CompressedRegionBenchmarks
{
    private const int Pages = 64;
    private const ulong ValidRegion = 0x0000_0000_5000_0000;

    private CompressedStoreScenario? _scenario;

    [Params(19041u, 26100u)]
    public uint Build { get; set; }
    private readonly byte[] _buffer = new byte[Pages * 4096];
    private byte[][] _compressed = [];
    private IPageDecompressor? _decoder;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new CompressedStoreScenario(Build, Pages, s =>
        {
            for (var page = 0; page < Pages; page++)
                s.Image.SetPte(ValidRegion + (ulong)page * 4096, TestWindowsImage.Valid(s.Image.FrameWith(s.Contents[page])));
        });
        // The pages the store keeps compressed (not the raw and zero records), encoded as the store holds them.
        _compressed = _scenario.Contents.Where((_, page) => page is not (CompressedStoreScenario.RawPage or CompressedStoreScenario.ZeroPage))
            .Select(c => Build >= PageDecompressors.FirstLz4Build ? TestLz4BlockEncoder.Encode(c) : TestXpressEncoder.Encode(c)).ToArray();
        _decoder = PageDecompressors.ForStore((int)Build, 3);
    }

    [Benchmark(Baseline = true, Description = "64 valid pages")]
    public int Valid()
    {
        var memory = new VirtualMemory(_scenario!.Translator(attach: false), _scenario.Image.Dtb, null);
        memory.Read(ValidRegion, _buffer);
        return _buffer[^1];
    }

    [Benchmark(Description = "the same 64 pages in the compressed store (walk + decompress each)")]
    public int Compressed()
    {
        var memory = new VirtualMemory(_scenario!.Translator(), _scenario.Image.Dtb, null);
        memory.Read(CompressedStoreScenario.UserPages, _buffer);
        return _buffer[^1];
    }

    [Benchmark(Description = "decoding the same pages only (no walk, no region read)")]
    public int DecodeOnly()
    {
        for (var i = 0; i < _compressed.Length; i++) _decoder!.Decompress(_compressed[i], _buffer.AsSpan(i * 4096, 4096));
        return _buffer[^1];
    }
}

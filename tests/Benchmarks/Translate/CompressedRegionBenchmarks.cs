using BenchmarkDotNet.Attributes;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Windows.MemoryCompression;
using MemFs.Translate.Paging;

namespace MemFs.Benchmarks.Translate;

/// <summary>
/// Reading a 64-page region whose pages are all in the compressed store (the B+tree walks, the region reads in
/// MemCompression and the XPRESS decoding, with a fresh store each time so nothing comes from its cache) against the
/// same 64 pages valid in physical memory, to show what share of a read the store costs.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 8)]
public class CompressedRegionBenchmarks
{
    private const int Pages = 64;
    private const ulong ValidRegion = 0x0000_0000_5000_0000;

    private CompressedStoreScenario? _scenario;
    private readonly byte[] _buffer = new byte[Pages * 4096];

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new CompressedStoreScenario(19041, Pages, s =>
        {
            for (var page = 0; page < Pages; page++)
                s.Image.SetPte(ValidRegion + (ulong)page * 4096, TestWindowsImage.Valid(s.Image.FrameWith(s.Contents[page])));
        });
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
}

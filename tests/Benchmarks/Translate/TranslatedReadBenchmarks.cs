using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Benchmarks.Translate;

/// <summary>
/// Reading a fully valid 1 GiB virtual region through the Windows translator, next to its limit: reading the
/// same physical bytes directly from the raw image. Two layouts: frames in order (one run), and frames
/// scattered page by page, as a long-running machine leaves them.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 6)]
public class TranslatedReadBenchmarks
{
    private const long RegionBytes = 1L << 30;
    private const ulong Region = 0x0000_0100_0000_0000;
    private const int ReadSize = 1 << 20;
    private const long TablesAt = RegionBytes;

    [Params(false, true)]
    public bool Scattered { get; set; }

    private string _path = "";
    private PhysicalImage? _image;
    private ExtendedPhysicalSpace? _space;
    private VirtualMemory? _memory;
    private readonly byte[] _buffer = new byte[ReadSize];
    private long[] _frames = [];

    [GlobalSetup]
    public void Setup()
    {
        var pages = (int)(RegionBytes / 4096);
        var frames = Enumerable.Range(0, pages).Select(i => (long)i * 4096).ToArray();
        if (Scattered) new Random(7).Shuffle(frames);
        // Tables: PML4, PDPT, PD, then 512 PTs, after the data.
        var raw = new byte[TablesAt + (3 + 512) * 4096];
        for (var i = 0; i < pages; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan((int)frames[i]), i);
        const long pml4 = TablesAt, pdpt = TablesAt + 0x1000, pd = TablesAt + 0x2000, pt0 = TablesAt + 0x3000;
        void Entry(long table, ulong va, int level, long target) =>
            BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan((int)(table + (long)((va >> (12 + 9 * level)) & 0x1FF) * 8)), (ulong)target | 0x67);
        Entry(pml4, Region, 3, pdpt);
        Entry(pdpt, Region, 2, pd);
        for (var t = 0; t < 512; t++) Entry(pd, Region + (ulong)t * (2 << 20), 1, pt0 + t * 4096L);
        for (var i = 0; i < pages; i++) Entry(pt0 + i / 512 * 4096L, Region + (ulong)i * 4096, 0, frames[i]);
        _frames = frames;
        _path = Path.Combine(Path.GetTempPath(), $"memfs-bench-translate-{Scattered}.raw");
        File.WriteAllBytes(_path, raw);

        _image = PhysicalImageOpener.Open(_path);
        _space = new ExtendedPhysicalSpace(_image.Memory, new Dictionary<int, IByteSource>(), NoMappedFiles.Instance);
        var translator = new WindowsTranslator(_space, PagingSettings.ForBuild(19041), (ulong)pml4, null);
        _memory = new VirtualMemory(translator, (ulong)pml4, null);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _space?.Dispose();
        _image?.Dispose();
        File.Delete(_path);
    }

    [Benchmark(Baseline = true, Description = "limit: the same 1 GiB of physical memory read directly")]
    public long PhysicalDirect()
    {
        long total = 0;
        for (long pos = 0; pos < RegionBytes; pos += ReadSize)
        {
            _image!.Memory.Read(pos, _buffer);
            total += ReadSize;
        }
        return total;
    }

    /// <summary>The same physical pages read directly in the order the virtual region visits them (4 KiB reads).</summary>
    [Benchmark(Description = "the region's pages read directly, in virtual order")]
    public long PhysicalPagesInVirtualOrder()
    {
        long total = 0;
        foreach (var frame in _frames)
        {
            _image!.Memory.Read(frame, _buffer.AsSpan(0, 4096));
            total += 4096;
        }
        return total;
    }

    [Benchmark(Description = "1 GiB virtual region read through the translator")]
    public long Translated()
    {
        long total = 0;
        for (long pos = 0; pos < RegionBytes; pos += ReadSize)
        {
            _memory!.Read(Region + (ulong)pos, _buffer);
            total += ReadSize;
        }
        return total;
    }
}

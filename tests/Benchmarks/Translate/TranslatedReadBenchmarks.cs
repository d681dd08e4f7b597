using MemFs.Tests.Translate.Paging;
using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Microsoft.Win32.SafeHandles;
using MemFs.Benchmarks.Mount;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Benchmarks.Translate;

/// <summary>
/// Reading a fully valid 1 GiB virtual region through the Windows translator, next to its limit: reading exactly the
/// frames the translated read fetches straight from the raw image, the best way a direct reader can
/// (<see cref="DirectScatteredRead"/>), and, as a second reference, as many bytes read sequentially. Two layouts:
/// frames in order (one run), and frames scattered page by page, as a long-running machine leaves them.
/// <see cref="ColdDisk"/> drops the image's pages from the OS page cache before every iteration (posix_fadvise
/// DONTNEED) and reads the region's first 256 MiB (its frames, when scattered, lie all over the 1 GiB image).
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 6)]
[MedianColumn, MinColumn, MaxColumn]
public class TranslatedReadBenchmarks
{
    private const long RegionBytes = 1L << 30;
    private const ulong Region = 0x0000_0100_0000_0000;
    private const int ReadSize = 1 << 20;
    private const long TablesAt = RegionBytes;

    [Params(false, true)]
    public bool Scattered { get; set; }

    [Params(false, true)]
    public bool ColdDisk { get; set; }

    /// <summary>A cold 4 KiB page read waits for the disk: 256 MiB keeps an iteration in seconds.</summary>
    public long ReadBytes => ColdDisk ? 256L << 20 : RegionBytes;

    private string _path = "";
    private PhysicalImage? _image;
    private ExtendedPhysicalSpace? _space;
    private VirtualMemory? _memory;
    private readonly byte[] _buffer = new byte[ReadSize];
    private long[] _frames = [];
    private SafeFileHandle? _file;
    private DirectScatteredRead? _direct;

    /// <summary>Positional reads in flight in <see cref="PhysicalFramesDirect"/>.</summary>
    public const int DirectInFlight = 4;

    /// <summary>Reads announced with WILLNEED at a time in <see cref="PhysicalFramesDirect"/>.</summary>
    public const int DirectWindow = 256;

    [GlobalSetup]
    public void Setup()
    {
        var pages = (int)(RegionBytes / 4096);
        var frames = Enumerable.Range(0, pages).Select(i => (long)i * 4096).ToArray();
        if (Scattered) new Random(7).Shuffle(frames);
        var raw = FramedRegion.Build(Region, frames, TablesAt, out var pml4);
        _frames = frames;
        _path = Path.Combine(Path.GetTempPath(), $"memfs-bench-translate-{Scattered}.raw");
        File.WriteAllBytes(_path, raw);
        // Written back, so that dropping the file's cached pages (cold disk) drops them all.
        using (var written = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite)) written.Flush(flushToDisk: true);

        _file = File.OpenHandle(_path);
        _direct = Direct(DirectInFlight, DirectWindow);
        _image = PhysicalImageOpener.Open(_path);
        _space = new ExtendedPhysicalSpace(_image.Memory, new Dictionary<int, IByteSource>(), NoMappedFiles.Instance);
        var translator = new WindowsTranslator(_space, PagingSettings.ForBuild(19041), (ulong)pml4, null);
        _memory = new VirtualMemory(translator, (ulong)pml4, null);
    }

    [IterationSetup]
    public void DropTheImageIfColdDisk()
    {
        if (ColdDisk) KernelPageCache.Drop(_path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _space?.Dispose();
        _image?.Dispose();
        _file?.Dispose();
        File.Delete(_path);
    }

    /// <summary>A direct reader of the frames <see cref="Translated"/> fetches (the first <see cref="ReadBytes"/> of the region).</summary>
    internal DirectScatteredRead Direct(int inFlight, int window) =>
        new(_file!, _frames.AsSpan(0, (int)(ReadBytes / 4096)), 4096, inFlight, window);

    /// <summary>
    /// The physical limit: exactly the frames <see cref="Translated"/> fetches, read directly the best way a direct
    /// reader can (sorted, neighbours merged, all announced with WILLNEED, <see cref="DirectInFlight"/> reads in flight).
    /// </summary>
    [Benchmark(Description = "limit: the same frames read directly (sorted, 256 announced ahead, 4 reads in flight)")]
    public long PhysicalFramesDirect() => _direct!.Read();

    /// <summary>The second reference: as many bytes read sequentially from the image's start (1 MiB reads).</summary>
    [Benchmark(Baseline = true, Description = "reference: the same amount read sequentially, directly")]
    public long PhysicalDirect()
    {
        long total = 0;
        for (long pos = 0; pos < ReadBytes; pos += ReadSize)
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
        foreach (var frame in _frames.AsSpan(0, (int)(ReadBytes / 4096)))
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
        for (long pos = 0; pos < ReadBytes; pos += ReadSize)
        {
            _memory!.Read(Region + (ulong)pos, _buffer);
            total += ReadSize;
        }
        return total;
    }
}

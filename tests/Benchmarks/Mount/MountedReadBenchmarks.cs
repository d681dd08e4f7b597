using BenchmarkDotNet.Attributes;
using MemFs.Translate.Paging;
using MemFs.Aff4.Caching;
using MemFs.Tests.Translate.Physical.CrashDump;
using MemFs.Translate.Extended;
using MemFs.Translate.Physical;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Tree;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// 256 MiB read sequentially in 1 MiB reads three ways: the raw file directly (the limit), the tree's
/// image/physical.raw in-process (what <c>memfs cat</c> does), and the same file through a real FUSE mount. Both of
/// our caches are cold for every pass: the page cache (64 MiB) is smaller than the file, and the kernel's cached pages
/// of the mounted file are dropped before each iteration (posix_fadvise DONTNEED). Needs /dev/fuse and fusermount3.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 8)]
public class MountedReadBenchmarks
{
    private const int ImageBytes = 256 << 20;
    private const int ReadSize = 1 << 20;
    private const string PhysicalRaw = "/image/physical.raw";

    private string _directory = "";
    private string _rawPath = "";
    private PhysicalImage? _image;
    private ExtendedPhysicalSpace? _space;
    private ChunkCache? _cache;
    private MemFsTree? _tree;
    private VfsFile? _physicalFile;
    private BenchmarkMount? _mount;
    private readonly byte[] _buffer = new byte[ReadSize];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-bench-mount-").FullName;
        _rawPath = Path.Combine(_directory, "memory.raw");
        var pages = new byte[ImageBytes];
        for (var p = 0; p < ImageBytes / 4096; p++) TestCrashDumpBuilder.WritePage(pages.AsSpan(p * 4096, 4096), p);
        File.WriteAllBytes(_rawPath, pages);
        _image = PhysicalImageOpener.Open(_rawPath);
        _space = TranslationSources.Build(_image, [], null, out _);
        _cache = new ChunkCache(64L << 20);
        _tree = new MemFsTree(_image, _space, null, "benchmark image: physical memory only", _cache, holes: HolePolicy.Holes);
        _physicalFile = (VfsFile)_tree.Lookup(PhysicalRaw)!;
        _mount = new BenchmarkMount(_tree, Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mount?.Dispose();
        _cache?.Dispose();
        _space?.Dispose();
        _image?.Dispose();
        Directory.Delete(_directory, true);
    }

    [IterationSetup(Target = nameof(ThroughTheMount))]
    public void DropTheKernelsCachedPages() => KernelPageCache.Drop(_mount![PhysicalRaw]);

    [Benchmark(Baseline = true, Description = "limit: the raw file read directly")]
    public long RawFileDirect()
    {
        using var handle = File.OpenHandle(_rawPath);
        long total = 0;
        for (long at = 0; at < ImageBytes; at += ReadSize) total += RandomAccess.Read(handle, _buffer, at);
        return total;
    }

    [Benchmark(Description = "image/physical.raw in-process (memfs cat)")]
    public long TreeInProcess()
    {
        long total = 0;
        for (long at = 0; at < ImageBytes; at += ReadSize) total += _physicalFile!.Read(at, _buffer);
        return total;
    }

    [Benchmark(Description = "image/physical.raw through the FUSE mount, cold caches")]
    public long ThroughTheMount() => BenchmarkMount.ReadSequentially(_mount![PhysicalRaw], _buffer);
}

using BenchmarkDotNet.Attributes;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// A 256 MiB private region (every page valid) of a synthetic Windows 10 raw image read sequentially in 1 MiB reads
/// four ways: its physical bytes straight from the raw file (the limit), the region file in-process (what
/// <c>memfs cat</c> does), the region file through a real FUSE mount, and a preallocated 256 MiB file through the same
/// mount (what FUSE itself allows here). Every iteration opens the image afresh, as <c>memfs mount</c> does (new page
/// cache, new mount: nothing of the region is cached by MemFs or by the kernel's cache of the mount); the raw image
/// itself is in the OS page cache unless <see cref="ColdDisk"/>, which drops every cache (root) so the raw file and
/// the mount both read from disk, as the first read of an evidence file does. Needs /dev/fuse and fusermount3.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 8)]
[MedianColumn, MinColumn, MaxColumn]
public class RegionReadBenchmarks
{
    private const long RegionBytes = 256L << 20;
    private const int ReadSize = 1 << 20;
    private const string CeilingFile = "/transport-ceiling.bin";

    /// <summary>Frames in physical order (one run), or scattered page by page as a long-running machine leaves them.</summary>
    [Params(false, true)]
    public bool Scattered { get; set; }

    [Params(false, true)]
    public bool ColdDisk { get; set; }

    private string _directory = "";
    private string _raw = "";
    private string _mountPoint = "";
    private SyntheticWindowsImage.Region _region = null!;
    private byte[] _ceilingBytes = [];
    private EvidenceSession? _session;
    private BenchmarkMount? _mount;
    private readonly byte[] _buffer = new byte[ReadSize];

    [GlobalSetup]
    public void Setup() => GuardedSetup.Run(Build, Cleanup);

    private void Build()
    {
        if (ColdDisk) KernelPageCache.RequireRoot("ColdDisk");
        _directory = Directory.CreateTempSubdirectory("memfs-bench-region-").FullName;
        _mountPoint = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        _raw = Path.Combine(_directory, "memory.raw");
        var image = new SyntheticWindowsImage();
        _region = image.AddRegion(image.AddProcess(0x1A2C, "reader.exe"), RegionBytes, Scattered ? new Random(7) : null);
        image.WriteRaw(_raw, image.DataEnd);
        _ceilingBytes = new byte[RegionBytes];
        SyntheticWindowsImage.Fill(_ceilingBytes, 0);
        CheckTheRegionReadsItsFrames();
    }

    /// <summary>The region file serves the bytes of its frames, in-process and through the mount (first, middle and last MiB).</summary>
    private void CheckTheRegionReadsItsFrames()
    {
        OpenAndMount();
        try
        {
            var file = (VfsFile)_session!.Tree.Lookup(_region.Path)!;
            using var mounted = File.OpenHandle(_mount![_region.Path]);
            var expected = new byte[ReadSize];
            var actual = new byte[ReadSize];
            foreach (var offset in new[] { 0, RegionBytes / 2 + 4096, RegionBytes - ReadSize })
            {
                for (var page = 0; page < ReadSize / 4096; page++)
                    SyntheticWindowsImage.Fill(expected.AsSpan(page * 4096, 4096), _region.Frames[offset / 4096 + page]);
                if (file.Read(offset, actual) != ReadSize || !actual.AsSpan().SequenceEqual(expected))
                    throw new InvalidOperationException($"{_region.Path} at 0x{offset:X}: in-process bytes differ from the frames");
                Array.Clear(actual);
                if (RandomAccess.Read(mounted, actual, offset) != ReadSize || !actual.AsSpan().SequenceEqual(expected))
                    throw new InvalidOperationException($"{_region.Path} at 0x{offset:X}: bytes through the mount differ from the frames");
            }
        }
        finally
        {
            CloseTree();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        CloseTree();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, true);
    }

    [IterationSetup(Target = nameof(RawFileDirect))]
    public void BeforeRawRead() => DropCachesIfColdDisk();

    [IterationSetup(Target = nameof(InProcess))]
    public void OpenTheImage()
    {
        _session = BenchmarkMount.OpenTree(_raw);
        DropCachesIfColdDisk();
    }

    [IterationSetup(Targets = [nameof(ThroughTheMount), nameof(TransportCeiling)])]
    public void OpenAndMount()
    {
        _session = BenchmarkMount.OpenTree(_raw);
        var ceiling = new KnownBytesFile(CeilingFile.TrimStart('/'), _ceilingBytes);
        _mount = new BenchmarkMount(new ExtendedTree(_session.Tree, [ceiling]), _mountPoint);
        DropCachesIfColdDisk();
    }

    [IterationCleanup(Targets = [nameof(InProcess), nameof(ThroughTheMount), nameof(TransportCeiling)])]
    public void CloseTree()
    {
        _mount?.Dispose();
        _mount = null;
        _session?.Dispose();
        _session = null;
    }

    private void DropCachesIfColdDisk()
    {
        if (ColdDisk) KernelPageCache.DropEverything();
    }

    [Benchmark(Baseline = true, Description = "limit: the region's physical bytes read directly from the raw file")]
    public long RawFileDirect()
    {
        using var handle = File.OpenHandle(_raw);
        long total = 0;
        for (var at = SyntheticWindowsImage.DataBase; at < SyntheticWindowsImage.DataBase + RegionBytes; at += ReadSize)
            total += RandomAccess.Read(handle, _buffer, at);
        return Whole(total);
    }

    [Benchmark(Description = "region file in-process (memfs cat)")]
    public long InProcess()
    {
        var file = (VfsFile)_session!.Tree.Lookup(_region.Path)!;
        long total = 0;
        for (long at = 0; at < RegionBytes; at += ReadSize) total += file.Read(at, _buffer);
        return Whole(total);
    }

    [Benchmark(Description = "region file through the FUSE mount")]
    public long ThroughTheMount() => Whole(BenchmarkMount.ReadSequentially(_mount![_region.Path], _buffer));

    [Benchmark(Description = "FUSE ceiling: a preallocated 256 MiB file through the same mount")]
    public long TransportCeiling() => Whole(BenchmarkMount.ReadSequentially(_mount![CeilingFile], _buffer));

    private static long Whole(long total) =>
        total == RegionBytes ? total : throw new InvalidOperationException($"read {total:N0} bytes, expected {RegionBytes:N0}");
}

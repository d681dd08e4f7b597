using BenchmarkDotNet.Attributes;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Caching;
using MemFs.Aff4.Streams;
using MemFs.Benchmarks.Aff4;
using MemFs.Tests.Aff4.Writers;
using MemFs.Tests.Demo;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// Warm reads through one FUSE mount, every file kind against FUSE's own ceiling measured in the same run: the second
/// and later passes over a file, so the evidence is in the OS page cache and MemFs's caches hold what they keep, but
/// the kernel's cached pages of the mounted file are dropped before every pass (posix_fadvise DONTNEED), so each byte
/// still crosses FUSE. 1 MiB sequential reads; every file but executable.exe is 256 MiB. Files: a region (every
/// page valid, frames in physical order), the same bytes in the process's vmem, image/physical.raw of the raw image
/// and of an AFF4 image (snappy, 32 KiB chunks, memory-like bytes, all decoded chunks cached), and executable.exe of
/// an 8 MiB main image with every page resident. In process (the mount is served by this process anyway), so a run
/// builds nothing. Needs /dev/fuse and fusermount3.
/// </summary>
[InProcess, WarmupCount(1), IterationCount(12)]
[MedianColumn, MinColumn, MaxColumn]
public class WarmReadBenchmarks
{
    private const long FileBytes = 256L << 20;
    private const int ReadSize = 1 << 20;
    private const string CeilingFile = "/transport-ceiling.bin";
    private const string PhysicalRaw = "/image/physical.raw";
    private const string Aff4PhysicalRaw = "/aff4" + PhysicalRaw;
    private const string Aff4Volume = "aff4://be0c0000-0000-4000-8000-00000000f0a4";
    private const ulong ImageBase = 0x0000_7FF6_0000_0000;

    private string _directory = "";
    private SyntheticWindowsImage.Region _region = null!;
    private string _vmem = "";
    private string _executable = "";
    private long _executableBytes;
    private EvidenceSession? _session;
    private PhysicalImage? _aff4Image;
    private ExtendedPhysicalSpace? _aff4Space;
    private ChunkCache? _aff4Cache;
    private BenchmarkMount? _mount;
    private BenchmarkMount? _splicedMount;
    private readonly byte[] _buffer = new byte[ReadSize];

    [GlobalSetup]
    public void Setup() => GuardedSetup.Run(Build, Cleanup);

    private void Build()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-bench-warm-").FullName;
        var raw = Path.Combine(_directory, "memory.raw");
        var image = new SyntheticWindowsImage();
        var process = image.AddProcess(0x1A2C, "reader.exe");
        _region = image.AddRegion(process, FileBytes);
        var pe = SyntheticPe.Build("reader.exe", SyntheticPe.Kind.Executable, ImageBase, 1500, 300, 247);
        _executableBytes = pe.Length;
        _executable = image.AddExecutable(process, "reader.exe", pe, ImageBase);
        _vmem = $"/processes/{process.Pid}-{process.Name}/vmem";
        image.WriteRaw(raw, image.DataEnd);
        _session = BenchmarkMount.OpenTree(raw);

        var aff4 = WriteAff4(_directory);
        _aff4Cache = new ChunkCache(512L << 20);
        _aff4Image = PhysicalImageOpener.Open(aff4, _aff4Cache);
        _aff4Space = TranslationSources.Build(_aff4Image, [], null, out _);
        var aff4Tree = new MemFsTree(_aff4Image, _aff4Space, null, "benchmark image: physical memory only", _aff4Cache, HolePolicy.Holes);

        var ceilingBytes = new byte[FileBytes];
        SyntheticWindowsImage.Fill(ceilingBytes, 0);
        var extra = new VfsNode[] { new KnownBytesFile(CeilingFile.TrimStart('/'), ceilingBytes), new VfsDirectory("aff4", () => aff4Tree.Root.Children) };
        var tree = new ExtendedTree(_session.Tree, extra);
        _mount = new BenchmarkMount(tree, Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName);
        _splicedMount = new BenchmarkMount(tree, Directory.CreateDirectory(Path.Combine(_directory, "spliced")).FullName, spliceReads: true);
        CheckTheFilesThroughTheMount(pe);
    }

    /// <summary>An AFF4 volume whose physical memory is one map entry over a snappy stream of 256 MiB.</summary>
    private static string WriteAff4(string directory)
    {
        const string memory = Aff4Volume + "/PhysicalMemory";
        var builder = new TestAff4VolumeBuilder(Aff4Volume);
        builder.AddImageStream(memory + "/data", MemoryLikeData.Create((int)FileBytes), 32768, 1024, CompressionMethod.Snappy);
        builder.AddMap(memory, [new MapEntry(0, FileBytes, 0, 0)], [memory + "/data"], size: FileBytes,
            extraProperties: "aff4:category memory:physical");
        return builder.WriteTo(directory, "memory.aff4");
    }

    /// <summary>Every file reads its whole length through the mount, and the region, vmem and executable.exe bytes are the expected ones.</summary>
    private void CheckTheFilesThroughTheMount(byte[] pe)
    {
        var expected = new byte[ReadSize];
        var region = new byte[ReadSize];
        var vmem = new byte[ReadSize];
        using (var regionFile = File.OpenHandle(_mount![_region.Path]))
        using (var vmemFile = File.OpenHandle(_mount[_vmem]))
        {
            for (var page = 0; page < ReadSize / 4096; page++)
                SyntheticWindowsImage.Fill(expected.AsSpan(page * 4096, 4096), _region.Frames[page]);
            RandomAccess.Read(regionFile, region, 0);
            RandomAccess.Read(vmemFile, vmem, (long)_region.Vad.Start);
            if (!region.AsSpan().SequenceEqual(expected) || !vmem.AsSpan().SequenceEqual(expected))
                throw new InvalidOperationException("the region or vmem bytes through the mount differ from the frames");
        }
        if (!File.ReadAllBytes(_mount[_executable]).AsSpan().SequenceEqual(pe))
            throw new InvalidOperationException($"{_executable} through the mount differs from the mapped image");
        Region();
        Vmem();
        RawPhysical();
        if (!File.ReadAllBytes(_splicedMount![PhysicalRaw]).AsSpan().SequenceEqual(File.ReadAllBytes(_mount[PhysicalRaw])))
            throw new InvalidOperationException("physical.raw spliced differs from physical.raw read");
        Aff4Physical();
        Ceiling();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mount?.Dispose();
        _splicedMount?.Dispose();
        _session?.Dispose();
        _aff4Space?.Dispose();
        _aff4Image?.Dispose();
        _aff4Cache?.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, true);
    }

    [IterationSetup(Target = nameof(Ceiling))]
    public void DropCeiling() => KernelPageCache.Drop(_mount![CeilingFile]);

    [IterationSetup(Target = nameof(Region))]
    public void DropRegion() => KernelPageCache.Drop(_mount![_region.Path]);

    [IterationSetup(Target = nameof(Vmem))]
    public void DropVmem() => KernelPageCache.Drop(_mount![_vmem]);

    [IterationSetup(Target = nameof(RawPhysical))]
    public void DropRawPhysical() => KernelPageCache.Drop(_mount![PhysicalRaw]);

    [IterationSetup(Target = nameof(SplicedRawPhysical))]
    public void DropSplicedRawPhysical() => KernelPageCache.Drop(_splicedMount![PhysicalRaw]);

    [IterationSetup(Target = nameof(Aff4Physical))]
    public void DropAff4Physical() => KernelPageCache.Drop(_mount![Aff4PhysicalRaw]);

    [IterationSetup(Target = nameof(Executable))]
    public void DropExecutable() => KernelPageCache.Drop(_mount![_executable]);

    [Benchmark(Baseline = true, Description = "FUSE ceiling: a preallocated 256 MiB file")]
    public long Ceiling() => Whole(BenchmarkMount.ReadRange(_mount![CeilingFile], 0, FileBytes, _buffer), FileBytes);

    [IterationSetup(Target = nameof(SmallCeiling))]
    public void DropSmallCeiling() => KernelPageCache.Drop(_mount![CeilingFile]);

    /// <summary>The ceiling for a file as small as executable.exe: the kernel's readahead is still growing over its first MiBs.</summary>
    [Benchmark(Description = "FUSE ceiling: the same file's first 8 MiB")]
    public long SmallCeiling() => Whole(BenchmarkMount.ReadRange(_mount![CeilingFile], 0, _executableBytes, _buffer), _executableBytes);

    [Benchmark(Description = "region (256 MiB)")]
    public long Region() => Whole(BenchmarkMount.ReadRange(_mount![_region.Path], 0, FileBytes, _buffer), FileBytes);

    [Benchmark(Description = "vmem, the region's 256 MiB")]
    public long Vmem() => Whole(BenchmarkMount.ReadRange(_mount![_vmem], (long)_region.Vad.Start, FileBytes, _buffer), FileBytes);

    [Benchmark(Description = "physical.raw of the raw image (256 MiB)")]
    public long RawPhysical() => Whole(BenchmarkMount.ReadRange(_mount![PhysicalRaw], SyntheticWindowsImage.DataBase, FileBytes, _buffer), FileBytes);

    [Benchmark(Description = "physical.raw of the raw image (256 MiB), spliced (read_buf with the image's fd)")]
    public long SplicedRawPhysical() => Whole(BenchmarkMount.ReadRange(_splicedMount![PhysicalRaw], SyntheticWindowsImage.DataBase, FileBytes, _buffer), FileBytes);

    [Benchmark(Description = "physical.raw of an AFF4 image (256 MiB)")]
    public long Aff4Physical() => Whole(BenchmarkMount.ReadRange(_mount![Aff4PhysicalRaw], 0, FileBytes, _buffer), FileBytes);

    [Benchmark(Description = "executable.exe (8 MiB)")]
    public long Executable() => Whole(BenchmarkMount.ReadRange(_mount![_executable], 0, _executableBytes, _buffer), _executableBytes);

    private static long Whole(long total, long expected) =>
        total == expected ? total : throw new InvalidOperationException($"read {total:N0} bytes, expected {expected:N0}");
}

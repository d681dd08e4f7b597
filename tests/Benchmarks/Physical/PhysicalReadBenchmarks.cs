using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MemFs.Tests.Translate.Physical.CrashDump;
using MemFs.Translate.Physical;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Benchmarks.Physical;

/// <summary>
/// Sequential physical reads (1 MiB) through a raw image and a full crash dump, each next to its limit:
/// reading the same file directly with positional reads (both files in the OS page cache).
/// </summary>
[SimpleJob(warmupCount: 2, iterationCount: 8)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PhysicalReadBenchmarks
{
    private const int ImageBytes = 256 << 20;
    private const int ReadSize = 1 << 20;

    private string _directory = "";
    private string _rawPath = "";
    private string _dumpPath = "";
    private PhysicalImage? _raw;
    private PhysicalImage? _dump;
    private readonly byte[] _buffer = new byte[ReadSize];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-bench-physical-").FullName;
        _rawPath = Path.Combine(_directory, "memory.raw");
        var pages = new byte[ImageBytes];
        for (var p = 0; p < ImageBytes / 4096; p++) TestCrashDumpBuilder.WritePage(pages.AsSpan(p * 4096, 4096), p);
        File.WriteAllBytes(_rawPath, pages);
        // Four runs with holes between them, like a machine's RAM map below and above the PCI hole.
        _dumpPath = Path.Combine(_directory, "memory.dmp");
        File.WriteAllBytes(_dumpPath, TestCrashDumpBuilder.Dump64(1).Full((0x1, 0x9E), (0x100, 0x7F00), (0x8100, 0x7000), (0x10000, 0x1062)));
        _raw = PhysicalImageOpener.Open(_rawPath);
        _dump = PhysicalImageOpener.Open(_dumpPath);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw?.Dispose();
        _dump?.Dispose();
        Directory.Delete(_directory, true);
    }

    [Benchmark(Baseline = true, Description = "limit: raw file read directly, 256 MiB"), BenchmarkCategory("raw")]
    public long RawFileDirect() => ReadFileDirectly(_rawPath);

    [Benchmark(Description = "raw image, physical reads, 256 MiB"), BenchmarkCategory("raw")]
    public long RawImagePhysical() => ReadAllRuns(_raw!);

    [Benchmark(Baseline = true, Description = "limit: crash dump file read directly, 256 MiB"), BenchmarkCategory("crash dump")]
    public long DumpFileDirect() => ReadFileDirectly(_dumpPath, skip: 0x2000);

    [Benchmark(Description = "full crash dump, physical reads, 256 MiB"), BenchmarkCategory("crash dump")]
    public long DumpImagePhysical() => ReadAllRuns(_dump!);

    private long ReadFileDirectly(string path, long skip = 0)
    {
        using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var length = RandomAccess.GetLength(handle);
        long total = 0;
        for (var pos = skip; pos < length; pos += ReadSize)
            total += RandomAccess.Read(handle, _buffer.AsSpan(0, (int)Math.Min(ReadSize, length - pos)), pos);
        return total;
    }

    private long ReadAllRuns(PhysicalImage image)
    {
        long total = 0;
        foreach (var run in image.Memory.Runs)
            for (var pos = run.Start; pos < run.End; pos += ReadSize)
            {
                var n = (int)Math.Min(ReadSize, run.End - pos);
                image.Memory.Read(pos, _buffer.AsSpan(0, n));
                total += n;
            }
        return total;
    }
}

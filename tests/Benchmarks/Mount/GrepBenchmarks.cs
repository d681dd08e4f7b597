using System.Text;
using BenchmarkDotNet.Attributes;
using MemFs.Vfs.Session;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// GNU grep (spawned, no -a) counting a needle in every process's memory of a synthetic Windows 10 raw image: four
/// processes with three private regions each (128 MiB of pseudo-random bytes in all, one needle on its own line every
/// 64 KiB), next to the same grep over the same region bytes written as plain files on /dev/shm (the limit). Through
/// the mount it runs over regions/ (the same bytes as the limit) and over all of /processes (which also reads each
/// vmem and minidump.dmp, whose Memory64List holds every region's pages: every needle three times). Every iteration mounts the image afresh (nothing cached by MemFs or by the kernel's
/// cache of the mount); the raw image is in the OS page cache. GlobalSetup checks every count, so a grep that misses
/// matches fails the benchmark.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 10)]
[MedianColumn, MinColumn, MaxColumn]
public class GrepBenchmarks
{
    private const string Needle = "MEMFS-BENCH-NEEDLE";
    private const int NeedleEvery = 64 * 1024;
    private const int NeedleAt = 0x100;
    private static readonly long[] RegionSizes = [4L << 20, 12L << 20, 16L << 20];
    private const int Processes = 4;

    private string _directory = "";
    private string _raw = "";
    private string _mountPoint = "";
    private string _plainFiles = "";
    private IReadOnlyList<string> _processDirectories = [];
    private long _needles;
    private EvidenceSession? _session;
    private BenchmarkMount? _mount;

    [GlobalSetup]
    public void Setup() => GuardedSetup.Run(Build, Cleanup);

    private void Build()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-bench-grep-").FullName;
        _mountPoint = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        _raw = Path.Combine(_directory, "memory.raw");
        var image = new SyntheticWindowsImage();
        for (var p = 0; p < Processes; p++)
        {
            var process = image.AddProcess(0x2000 + p * 4, $"worker{p}.exe");
            foreach (var size in RegionSizes) image.AddRegion(process, size);
        }
        image.WriteRaw(_raw, image.DataEnd, PlantNeedles);
        _needles = (image.DataEnd - SyntheticWindowsImage.DataBase) / NeedleEvery;
        _processDirectories = image.ProcessDirectories;
        _plainFiles = Directory.CreateDirectory(Path.Combine("/dev/shm", Path.GetFileName(_directory))).FullName;
        WritePlainFiles(image);
        CheckTheCounts();
    }

    /// <summary>One needle on its own line in every 64th KiB of region data (regions hold their frames in order).</summary>
    private static void PlantNeedles(Span<byte> chunk, long address)
    {
        var line = Encoding.ASCII.GetBytes($"\n{Needle}\n");
        for (var offset = 0; offset < chunk.Length; offset += NeedleEvery)
        {
            var page = address + offset;
            if (page >= SyntheticWindowsImage.DataBase) line.CopyTo(chunk[(offset + NeedleAt)..]);
        }
    }

    /// <summary>The region bytes as plain files on /dev/shm, one directory per process as in the mount.</summary>
    private void WritePlainFiles(SyntheticWindowsImage image)
    {
        using var raw = File.OpenHandle(_raw);
        foreach (var region in image.Regions)
        {
            var path = _plainFiles + region.Path;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = new byte[region.Length];
            RandomAccess.Read(raw, bytes, region.Frames[0]);
            File.WriteAllBytes(path, bytes);
        }
    }

    private void CheckTheCounts()
    {
        OpenAndMount();
        try
        {
            Expect(PlainFiles(), _needles, "plain files on /dev/shm");
            Expect(Regions(), _needles, "regions/ through the mount");
            Expect(AllOfProcesses(), 3 * _needles, "/processes through the mount (regions, vmem and minidump.dmp)");
        }
        finally
        {
            Unmount();
        }
    }

    private static void Expect(long count, long expected, string what)
    {
        if (count != expected) throw new InvalidOperationException($"grep -r -c over {what} counted {count} lines, expected {expected}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Unmount();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, true);
        if (Directory.Exists(_plainFiles)) Directory.Delete(_plainFiles, true);
    }

    /// <summary>Keeps the limit in the same job as the mounted greps (one invocation per iteration), so BenchmarkDotNet reports ratios.</summary>
    [IterationSetup(Target = nameof(PlainFiles))]
    public void NothingToOpen()
    {
    }

    [IterationSetup(Targets = [nameof(Regions), nameof(AllOfProcesses)])]
    public void OpenAndMount()
    {
        _session = BenchmarkMount.OpenTree(_raw);
        _mount = new BenchmarkMount(_session.Tree, _mountPoint);
    }

    [IterationCleanup(Targets = [nameof(Regions), nameof(AllOfProcesses)])]
    public void Unmount()
    {
        _mount?.Dispose();
        _mount = null;
        _session?.Dispose();
        _session = null;
    }

    [Benchmark(Baseline = true, Description = "limit: grep -r -c over the region bytes as plain files on /dev/shm")]
    public long PlainFiles() => Grep(_plainFiles + "/processes");

    [Benchmark(Description = "grep -r -c over <mount>/processes/*/regions")]
    public long Regions() => Grep([.. _processDirectories.Select(d => $"{_mount!.Path}/processes/{d}/regions")]);

    [Benchmark(Description = "grep -r -c over <mount>/processes (regions, vmem, minidump.dmp)")]
    public long AllOfProcesses() => Grep(_mount!["/processes"]);

    /// <summary>The sum of grep's per-file counts (exit 1 is "no match", still a count).</summary>
    private static long Grep(params string[] paths) =>
        ChildProcess.Check("grep", ["-r", "-c", Needle, .. paths], 1).Lines.Sum(line => long.Parse(line[(line.LastIndexOf(':') + 1)..]));
}

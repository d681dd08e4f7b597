using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MemFs.Soak.Memory;
using MemFs.Tests.Scale;
using MemFs.Translate.Windows.Objects;
using MemFs.Vfs.Session;
using MemFs.Vfs.Tree;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// Issue 15 at scale, on <see cref="ScaleImageSpec.Full"/> (16 GiB sparse raw, 300 processes of 200 VADs; built once and
/// cached in /tmp): the EPROCESS scan of <c>memfs ps --scan</c> over all 16 GiB (the sparse holes are read too: pread
/// returns their zeros), vadmap.txt of a 200-VAD process from a fresh session (in-process, and through a fresh real
/// mount), and the RssAnon peak of a real <c>memfs mount --cache-size 64M --foreground</c> while every process directory
/// is listed and every vadmap.txt read (printed; MountMemoryBoundTests allows the cache size + 160 MiB).
/// Mount → first ls is <see cref="MountStartupBenchmarks"/> with its 16 GiB image. Needs /dev/fuse and fusermount3.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, warmupCount: 1, iterationCount: 5)]
[MedianColumn, MinColumn, MaxColumn]
public class ScaleBenchmarks
{
    private const long CacheBytes = 64L << 20;
    private const long Allowance = 160L << 20;

    private ScaleWindowsImage _built = null!;
    private string _image = "";
    private string _directory = "";
    private string _mountPoint = "";
    private string _vadmap = "";
    private EvidenceSession _scanSession = null!;
    private EvidenceSession? _fresh;
    private BenchmarkMount? _mount;

    [GlobalSetup]
    public void Setup() => GuardedSetup.Run(() =>
    {
        _built = ScaleWindowsImage.Build(ScaleImageSpec.Full);
        _image = _built.Cached();
        _vadmap = $"/processes/{_built.Processes[0].Directory}/vadmap.txt";
        _directory = Directory.CreateTempSubdirectory("memfs-bench-scale-").FullName;
        _mountPoint = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        _scanSession = BenchmarkMount.OpenTree(_image);
        Console.WriteLine($"// {_image}: {_built.Processes.Count} processes of {ScaleImageSpec.Full.VadsPerProcess} VADs; memfs: {MemFsCommand.Which}");
    }, Cleanup);

    [GlobalCleanup]
    public void Cleanup()
    {
        CloseFresh();
        _scanSession?.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, true);
    }

    [Benchmark(Description = "EPROCESS scan of ps --scan over 16 GiB (in-process)")]
    public int PsScan()
    {
        var system = _scanSession.RequireSystem();
        var found = EprocessScanner.Scan(_scanSession.Image.Memory, system.Layouts.Eprocess);
        if (found.Count < _built.Processes.Count) throw new InvalidOperationException($"the scan found {found.Count} EPROCESS objects, expected at least {_built.Processes.Count}");
        return found.Count;
    }

    [IterationSetup(Target = nameof(VadmapInProcess))]
    public void FreshSession() => _fresh = BenchmarkMount.OpenTree(_image);

    [IterationSetup(Target = nameof(VadmapThroughMount))]
    public void FreshMount()
    {
        FreshSession();
        _mount = new BenchmarkMount(_fresh!.Tree, _mountPoint);
    }

    [IterationCleanup(Targets = [nameof(VadmapInProcess), nameof(VadmapThroughMount)])]
    public void CloseFresh()
    {
        _mount?.Dispose();
        _mount = null;
        _fresh?.Dispose();
        _fresh = null;
    }

    [Benchmark(Description = "vadmap.txt of a 200-VAD process, cold (fresh session, in-process)")]
    public int VadmapInProcess() => ExpectEveryVad(ReadTree(_fresh!.Tree, _vadmap));

    [Benchmark(Description = "vadmap.txt of a 200-VAD process, cold (fresh session and mount)")]
    public int VadmapThroughMount() => ExpectEveryVad(File.ReadAllText(_mount![_vadmap]));

    [Benchmark(Description = "memfs mount --cache-size 64M: list every process dir, read every vadmap.txt (RssAnon printed)")]
    public long MountRssAnonAfterEveryVadmap()
    {
        using var server = System.Diagnostics.Process.Start(MemFsCommand.Start("mount", _image, _mountPoint, "--cache-size", "64M", "--foreground"))!;
        var stderr = server.StandardError.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Directory.Exists(Path.Combine(_mountPoint, "processes")))
            {
                if (server.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"the mount did not come up: {stderr.Result}");
                Thread.Sleep(10);
            }
            using var sampler = new RssSampler(server.Id, CacheBytes + Allowance, TimeSpan.FromMilliseconds(20));
            var vads = 0;
            foreach (var process in Directory.EnumerateDirectories(Path.Combine(_mountPoint, "processes")))
            {
                _ = Directory.GetFileSystemEntries(process);
                vads += CountVads(File.ReadAllText(Path.Combine(process, "vadmap.txt")));
            }
            var expected = _built.Processes.Where(p => p.Linked).Sum(p => p.Vads.Count);
            if (vads != expected) throw new InvalidOperationException($"the vadmap.txt files list {vads} VADs, expected {expected}");
            var peak = Math.Max(sampler.Max, RssSampler.RssAnon(server.Id) ?? 0);
            Console.WriteLine($"// RssAnon peak {peak >> 20} MiB after {vads} VADs (bound {(CacheBytes + Allowance) >> 20} MiB)");
            if (peak > CacheBytes + Allowance) throw new InvalidOperationException($"RssAnon peak {peak >> 20} MiB is over {(CacheBytes + Allowance) >> 20} MiB");
            return peak;
        }
        finally
        {
            ChildProcess.Run("fusermount3", "-u", _mountPoint);
            if (!server.WaitForExit(TimeSpan.FromSeconds(30))) server.Kill(entireProcessTree: true);
        }
    }

    private static string ReadTree(IVirtualFileSystem tree, string path)
    {
        var file = (VfsFile)tree.Lookup(path)!;
        using var bytes = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        for (long at = 0; (n = file.Read(at, buffer)) > 0; at += n) bytes.Write(buffer, 0, n);
        return System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static int ExpectEveryVad(string vadmap)
    {
        var vads = CountVads(vadmap);
        if (vads != ScaleImageSpec.Full.VadsPerProcess) throw new InvalidOperationException($"vadmap.txt lists {vads} VADs, expected {ScaleImageSpec.Full.VadsPerProcess}");
        return vads;
    }

    private static int CountVads(string vadmap) => vadmap.Split('\n').Count(l => l.StartsWith("VAD 0x", StringComparison.Ordinal));
}

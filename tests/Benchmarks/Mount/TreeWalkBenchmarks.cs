using BenchmarkDotNet.Attributes;
using MemFs.Tests.Demo;
using MemFs.Vfs.Session;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// What a file manager or a recursive tool does to a fresh mount of the demo AFF4 image with a 256 MiB heap added to
/// malware.exe (<c>DemoSystem(bulkPages: 65536)</c>, the image <c>DemoImage OUT --bulk-pages 65536</c> writes):
/// <c>ls -lR</c> of the whole tree (a stat of every file, the /unlinked scan included) and <c>grep -r</c> without
/// <c>-a</c> over /processes. Every iteration opens the image and mounts it afresh (nothing cached by MemFs or by the
/// kernel for the mount); the image is in the OS page cache. GlobalSetup checks what both commands see.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 10)]
[MedianColumn, MinColumn, MaxColumn]
public class TreeWalkBenchmarks
{
    public const int BulkPages = 65536;
    private const string Needle = "explorer.exe";

    private string _directory = "";
    private string _image = "";
    private string _mountPoint = "";
    private EvidenceSession? _session;
    private BenchmarkMount? _mount;

    [GlobalSetup]
    public void Setup() => GuardedSetup.Run(Build, Cleanup);

    private void Build()
    {
        _directory = Directory.CreateTempSubdirectory("memfs-bench-walk-").FullName;
        _mountPoint = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        _image = Path.Combine(_directory, "demo-bulk.aff4");
        File.WriteAllBytes(_image, DemoImageBuilder.Build(new DemoSystem(BulkPages)));
        Mount();
        try
        {
            var listed = ListEverything();
            if (listed < 150) throw new InvalidOperationException($"ls -lR listed {listed} files, expected every file of the demo tree (over 150)");
            var matches = GrepProcesses();
            if (matches == 0) throw new InvalidOperationException($"grep -r found no '{Needle}' under /processes");
        }
        finally
        {
            Unmount();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Unmount();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, true);
    }

    [IterationSetup]
    public void Mount()
    {
        _session = BenchmarkMount.OpenTree(_image);
        _mount = new BenchmarkMount(_session.Tree, _mountPoint);
    }

    [IterationCleanup]
    public void Unmount()
    {
        _mount?.Dispose();
        _mount = null;
        _session?.Dispose();
        _session = null;
    }

    /// <summary>The regular files <c>ls -lR</c> lists (lines starting with '-').</summary>
    [Benchmark(Description = "ls -lR <mount> (fresh mount, every file stat'ed)")]
    public int ListEverything() => ChildProcess.Check("ls", ["-lR", _mount!.Path]).Lines.Count(line => line.StartsWith('-'));

    /// <summary>The lines and "binary file matches" grep prints for the needle.</summary>
    [Benchmark(Description = "grep -r NEEDLE <mount>/processes (no -a, fresh mount)")]
    public int GrepProcesses() => ChildProcess.Check("grep", ["-r", Needle, _mount!["/processes"]], 1).Lines.Length;
}

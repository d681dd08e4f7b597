using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using MemFs.Tests.Demo;
using MemFs.Tests.Scale;

namespace MemFs.Benchmarks.Mount;

/// <summary>
/// Time from starting the real command, <c>memfs mount IMAGE MNT</c> (<see cref="MemFsCommand"/>: dotnet memfs.dll, or MEMFS_EXECUTABLE) (it backgrounds the server and returns
/// once the mount exists), until <c>ls MNT/processes</c> lists every process; next to the same command returning
/// without the ls, <c>memfs ls IMAGE /processes</c> (the same tree without FUSE) and <c>memfs --version</c> (the
/// floor: starting .NET and the command). Images: a 4 GiB raw Windows 10 image (the synthetic kernel, 6 boot and 100
/// added processes with a 1 MiB region each at their physical addresses, every other byte pseudo-random, written to
/// /tmp, not sparse), issue 15's scale image (<see cref="ScaleImageSpec.Full"/>: 16 GiB sparse, 306 processes, 300 of
/// them with 200 VADs; cached in /tmp) and, for comparison, the demo AFF4 image, alone and with the 256 MiB heap of <see cref="TreeWalkBenchmarks"/>. <see cref="ColdImage"/> drops the image file's pages
/// from the OS page cache before each iteration (the .NET runtime stays cached). Needs /dev/fuse and fusermount3.
/// </summary>
[SimpleJob(warmupCount: 1, iterationCount: 10)]
[MedianColumn, MinColumn, MaxColumn]
public partial class MountStartupBenchmarks
{
    public const string Raw4GiB = "raw 4 GiB";
    public const string Scale16GiB = "raw 16 GiB, 300 x 200 VADs";
    public const string DemoAff4 = "demo AFF4";
    public const string BulkDemoAff4 = "demo AFF4, 256 MiB heap";
    private const long ImageBytes = 4L << 30;
    private const int AddedProcesses = 100;

    [Params(Raw4GiB, Scale16GiB, DemoAff4, BulkDemoAff4)]
    public string Image { get; set; } = Raw4GiB;

    [Params(false, true)]
    public bool ColdImage { get; set; }

    private string _directory = "";
    private string _image = "";
    private string _mountPoint = "";
    private string[] _expected = [];
    private int? _server;

    [GlobalSetup]
    public void Setup() => GuardedSetup.Run(Build, Cleanup);

    private void Build()
    {
        Console.WriteLine($"// memfs: {MemFsCommand.Which}");
        _directory = Directory.CreateTempSubdirectory("memfs-bench-startup-").FullName;
        _mountPoint = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        if (Image == Scale16GiB)
        {
            var scale = ScaleWindowsImage.Build(ScaleImageSpec.Full);
            _image = scale.Cached();
            _expected = [.. scale.ProcessDirectories.Order(StringComparer.Ordinal)];
        }
        else if (Image == Raw4GiB)
        {
            _image = Path.Combine(_directory, "memory.raw");
            var image = new SyntheticWindowsImage();
            for (var p = 0; p < AddedProcesses; p++) image.AddRegion(image.AddProcess(0x1000 + p * 4, $"app{p:D3}.exe"), 1 << 20);
            image.WriteRaw(_image, ImageBytes);
            _expected = [.. image.ProcessDirectories.Order(StringComparer.Ordinal)];
        }
        else
        {
            _image = Path.Combine(_directory, "demo.aff4");
            var demo = new DemoSystem(Image == BulkDemoAff4 ? TreeWalkBenchmarks.BulkPages : 0);
            File.WriteAllBytes(_image, DemoImageBuilder.Build(demo));
            _expected = [.. demo.Kernel.Processes.Select(p => $"{p.Pid}-{p.Name}").Concat(demo.Processes.Where(p => p.Linked).Select(p => $"{p.Pid}-{p.Name}"))
                .Order(StringComparer.Ordinal)];
        }
        MountThenLs();
        Unmount();
        LsWithoutMount();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Unmount();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, true);
    }

    [IterationSetup]
    public void DropTheImageIfCold()
    {
        if (ColdImage) KernelPageCache.Drop(_image);
    }

    [IterationCleanup(Targets = [nameof(MountReturns), nameof(MountThenLs)])]
    public void Unmount()
    {
        if (_server is not { } pid) return;
        ChildProcess.Check("fusermount3", ["-u", _mountPoint]);
        _server = null;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException($"the mount server (pid {pid}) did not end after fusermount3 -u");
            Thread.Sleep(5);
        }
    }

    [Benchmark(Description = "floor: memfs --version")]
    public int ProcessStart() => MemFsCommand.Check("--version").ExitCode;

    [Benchmark(Description = "memfs ls IMAGE /processes (the tree without FUSE)")]
    public int LsWithoutMount()
    {
        var listed = MemFsCommand.Check("ls", _image, "/processes").Lines.Select(l => l.TrimEnd('/'));
        return ExpectEveryProcess(listed, "memfs ls");
    }

    [Benchmark(Description = "memfs mount IMAGE MNT returns (mounted, served in the background)")]
    public int MountReturns()
    {
        var result = MemFsCommand.Check("mount", _image, _mountPoint);
        var served = ServingPid().Match(result.Stderr);
        if (!served.Success) throw new InvalidOperationException($"memfs mount did not say which process serves the mount: {result.Stderr}");
        _server = int.Parse(served.Groups[1].Value);
        return _server.Value;
    }

    [Benchmark(Description = "memfs mount IMAGE MNT, then ls MNT/processes lists every process")]
    public int MountThenLs()
    {
        MountReturns();
        return ExpectEveryProcess(ChildProcess.Check("ls", [Path.Combine(_mountPoint, "processes")]).Lines, "ls through the mount");
    }

    private int ExpectEveryProcess(IEnumerable<string> listed, string what)
    {
        var names = listed.Order(StringComparer.Ordinal).ToArray();
        if (!names.SequenceEqual(_expected))
            throw new InvalidOperationException($"{what} listed {names.Length} process directories, expected {_expected.Length}: {string.Join(' ', names.Take(10))} …");
        return names.Length;
    }

    /// <summary>Alive and not a zombie.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"in the background \(pid (\d+)\)")]
    private static partial Regex ServingPid();
}

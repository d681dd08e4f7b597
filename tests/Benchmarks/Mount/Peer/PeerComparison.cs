using System.Diagnostics;
using System.Globalization;

namespace MemFs.Benchmarks.Mount.Peer;

/// <summary>
/// memfs next to MemProcFS on one raw image (<see cref="PeerImage"/>), issue 15's measurements: mount start → first
/// listing of the scanned process's directory; physical memory read whole through the mount, cold and warm; the
/// scanned process's per-VAD files read whole, cold; <c>grep -r -c</c> over them, cold. Every sample mounts afresh
/// after dropping the kernel's caches (root), so "cold" means nothing cached by the tool, by the kernel's cache of
/// the mount, or of the image file; "warm" is a second read in the same mount. Reads are 1 MiB, sequential; counts
/// and byte totals are checked in every sample. Prints a Markdown table of medians (min–max). MemProcFS comes from
/// MEMFS_PEER_MEMPROCFS (skipped with a message when unset), a published memfs from MEMFS_EXECUTABLE.
/// Run: <c>dotnet tests/Benchmarks/bin/Release/net10.0/MemFs.Benchmarks.dll peer-comparison [SAMPLES]</c>.
/// </summary>
internal sealed class PeerComparison(int samples)
{
    private static readonly string[] Measures =
        ["mount → first `ls` of the process dir", "physical memory, cold", "physical memory, warm", "per-VAD files, cold", "`grep -r -c` over the per-VAD files, cold"];

    public int Run()
    {
        KernelPageCache.RequireRoot("the comparison (it drops the kernel's caches and mounts)");
        List<ComparedTool> tools = [MemFsTool.FrameworkDependent()];
        if (MemFsTool.Published() is { } published) tools.Add(published);
        if (MemProcFsTool.Find(out var why) is { } memProcFs) tools.Add(memProcFs);
        else Console.Error.WriteLine($"MemProcFS skipped: {why}");
        var directory = Directory.CreateTempSubdirectory("memfs-peer-").FullName;
        try
        {
            var image = new PeerImage(Path.Combine(directory, "peer.raw"));
            var mountPoint = Directory.CreateDirectory(Path.Combine(directory, "mnt")).FullName;
            Console.WriteLine($"image: {PeerImage.ImageBytes >> 20} MiB raw, {image.ProcessDirectories.Count} processes, scanned process {PeerImage.ScannedPid} with {image.Regions.Count} regions ({image.ScannedRegionBytes:N0} bytes); {samples} samples; load average {LoadAverage()}");
            var figures = tools.ToDictionary(t => t, _ => Measures.Select(_ => new List<double>()).ToArray());
            for (var s = 0; s < samples; s++)
                foreach (var tool in tools) Sample(tool, image, mountPoint, figures[tool]);
            Console.WriteLine($"load average after: {LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine($"| seconds, median (min–max) of {samples} | " + string.Join(" | ", tools.Select(t => t.Name)) + " |");
            Console.WriteLine("|---" + string.Concat(tools.Select(_ => "|---")) + "|");
            for (var m = 0; m < Measures.Length; m++)
                Console.WriteLine($"| {Measures[m]} | " + string.Join(" | ", tools.Select(t => Describe(figures[t][m]))) + " |");
            return 0;
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    private static void Sample(ComparedTool tool, PeerImage image, string mountPoint, List<double>[] figures)
    {
        var buffer = new byte[1 << 20];
        var starts = image.Regions.Select(r => r.Vad.Start).ToArray();
        // mount → first ls, then the per-VAD files and grep over them (cold), in one mount
        KernelPageCache.DropEverything();
        var watch = Stopwatch.StartNew();
        using (tool.Mount(image.Path, mountPoint))
        {
            var listed = Directory.GetFileSystemEntries(Path.Combine(mountPoint, tool.ProcessDirectory)).Length;
            figures[0].Add(watch.Elapsed.TotalSeconds);
            if (listed == 0) throw new InvalidOperationException($"{tool.Name}: {tool.ProcessDirectory} listed nothing");
            var regions = tool.RegionFiles(mountPoint, starts);
            watch.Restart();
            var read = regions.Sum(f => BenchmarkMount.ReadSequentially(f, buffer));
            figures[3].Add(watch.Elapsed.TotalSeconds);
            Expect(tool, "per-VAD files", read, image.ScannedRegionBytes);
        }
        KernelPageCache.DropEverything();
        using (tool.Mount(image.Path, mountPoint))
        {
            var regions = tool.RegionFiles(mountPoint, starts);
            watch.Restart();
            var count = ChildProcess.Check("grep", ["-r", "-c", PeerImage.Needle, .. regions], 1).Lines.Sum(l => long.Parse(l[(l.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture));
            figures[4].Add(watch.Elapsed.TotalSeconds);
            Expect(tool, "grep count", count, image.Needles);
        }
        // physical memory cold, then warm in the same mount
        KernelPageCache.DropEverything();
        using (tool.Mount(image.Path, mountPoint))
        {
            var physical = Path.Combine(mountPoint, tool.PhysicalFile);
            for (var pass = 1; pass <= 2; pass++)
            {
                watch.Restart();
                var read = BenchmarkMount.ReadSequentially(physical, buffer);
                figures[pass].Add(watch.Elapsed.TotalSeconds);
                Expect(tool, "physical memory", read, PeerImage.ImageBytes);
            }
        }
    }

    private static void Expect(ComparedTool tool, string what, long actual, long expected)
    {
        if (actual != expected) throw new InvalidOperationException($"{tool.Name}: {what} gave {actual:N0}, expected {expected:N0}");
    }

    private static string Describe(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return string.Create(CultureInfo.InvariantCulture, $"{median:0.000} ({sorted[0]:0.000}–{sorted[^1]:0.000})");
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}

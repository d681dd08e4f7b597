using System.Diagnostics;
using MemFs.Soak.Memory;
using MemFs.Soak.Mounting;
using MemFs.Soak.Options;
using MemFs.Soak.Reading;
using MemFs.Tests.Demo;

namespace MemFs.Soak;

/// <summary>
/// One soak: the demo image with bulk pages written as AFF4, mounted for real with <c>memfs mount --cache-size</c>,
/// every target copied once through the mount, then random reads by many threads for the duration, compared with
/// the copies, while the mount's RssAnon is sampled every second.
/// </summary>
internal static class SoakRun
{
    public static SoakSummary Run(SoakOptions options, string command, TextWriter log)
    {
        var directory = Directory.CreateTempSubdirectory("memfs-soak-").FullName;
        try
        {
            var image = Path.Combine(directory, "bulk.aff4");
            log.WriteLine($"writing the demo image with {options.BulkPages} bulk pages to {image}");
            File.WriteAllBytes(image, DemoImageBuilder.Build(new DemoSystem(options.BulkPages)));
            var loadBefore = LoadAverage();
            using var mount = new MountedImage(MountedImage.DotnetMemFs(options.MountEnvironment), image, Path.Combine(directory, "mnt"),
                "--cache-size", options.CacheSize);
            var errors = new List<string>();
            IReadOnlyList<ReadTarget> targets;
            RandomReaders readers;
            Stopwatch clock;
            using (var rss = new RssSampler(mount.ProcessId, options.RssBudget, TimeSpan.FromSeconds(1)))
            {
                log.WriteLine("copying every target once through the mount");
                targets = ReferenceCopies.Take(mount.Path, Path.Combine(directory, "reference"), errors);
                log.WriteLine($"{targets.Count} targets, {targets.Sum(t => t.Length) >> 20} MiB; {options.Threads} readers for {options.Duration}");
                readers = RandomReaders.Start(targets, options.Threads, options.MaxReadBytes, options.Seed);
                clock = Stopwatch.StartNew();
                var report = TimeSpan.FromMinutes(1);
                while (clock.Elapsed < options.Duration && mount.IsServing)
                {
                    Thread.Sleep(TimeSpan.FromMilliseconds(Math.Clamp((options.Duration - clock.Elapsed).TotalMilliseconds, 1, 1000)));
                    if (clock.Elapsed < report) continue;
                    report += TimeSpan.FromMinutes(1);
                    log.WriteLine($"{clock.Elapsed:hh\\:mm\\:ss} {readers.Reads:N0} reads, {readers.Errors} errors, {readers.WrongReads} wrong; RssAnon {rss.Last >> 20} MiB (max {rss.Max >> 20})");
                }
                readers.Stop();
                clock.Stop();
                var (_, exit, stderr) = mount.Unmount();
                return new SoakSummary
                {
                    Command = command,
                    Elapsed = clock.Elapsed,
                    Threads = options.Threads,
                    Targets = targets.Count,
                    TargetBytes = targets.Sum(t => t.Length),
                    Reads = readers.Reads,
                    Bytes = readers.Bytes,
                    Errors = readers.Errors + errors.Count,
                    WrongReads = readers.WrongReads,
                    WrongBytes = readers.WrongBytes,
                    ReadsByKind = readers.ReadsByKind,
                    RssMin = rss.Min,
                    RssMax = rss.Max,
                    RssSamples = rss.Samples,
                    RssOverBudget = rss.OverBudget,
                    RssBudget = options.RssBudget,
                    CacheBytes = options.CacheBytes,
                    ServerExit = exit,
                    ServerStderrLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length,
                    LoadBefore = loadBefore,
                    LoadAfter = LoadAverage(),
                    Problems = [.. errors.Concat(readers.Problems).Take(RandomReaders.MaxListedProblems)],
                };
            }
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    /// <summary>The 1-minute load average (/proc/loadavg): the machine may be shared.</summary>
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}

using System.Diagnostics;
using MemFs.Mount.Memory;
using MemFs.Soak.Memory;
using MemFs.Tests.Demo;
using MemFs.Tests.Mount.Fuse;
using NUnit.Framework;

namespace MemFs.Tests.Mount.Cli;

/// <summary>
/// <c>--cache-size</c> bounds the whole process: the real <c>memfs mount IMAGE.aff4 MNT --cache-size 64M</c> on a 256 MiB
/// AFF4 image (the demo plus a bulk heap of half-random pages) while every region, physical.raw, every executable.exe and
/// memory.bin and every picture is read, with RssAnon of the serving process sampled every 20 ms.
/// </summary>
public class MountMemoryBoundTests
{
    private const long CacheBytes = 64L << 20;
    private const long Allowance = 160L << 20;
    private const int BulkPages = 65536;

    private string _directory = "";
    private string _image = "";

    [OneTimeSetUp]
    public void WriteImage()
    {
        FuseRequirement.Require();
        _directory = Directory.CreateTempSubdirectory("memfs-budget-").FullName;
        _image = Path.Combine(_directory, "bulk.aff4");
        File.WriteAllBytes(_image, DemoImageBuilder.Build(new DemoSystem(BulkPages)));
    }

    [OneTimeTearDown]
    public void Remove()
    {
        if (_directory != "") Directory.Delete(_directory, true);
    }

    [Test]
    public void PeakRssAnonStaysWithinTheCacheSizePlusTheRuntimesAllowance()
    {
        var mount = Directory.CreateDirectory(Path.Combine(_directory, "mnt")).FullName;
        using var server = Process.Start(MemFsExecutable.Start(["mount", _image, mount, "--cache-size", "64M", "--foreground"]))!;
        var stderr = server.StandardError.ReadToEndAsync();
        long peak = 0, read = 0;
        var files = 0;
        try
        {
            Assert.That(MountTable.WaitUntil(() => MountTable.Find(mount) is not null || server.HasExited, TimeSpan.FromSeconds(60)), Is.True, "mount timed out");
            Assert.That(server.HasExited, Is.False, () => stderr.Result);
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(() =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    if (RssSampler.RssAnon(server.Id) is { } rss) peak = Math.Max(peak, rss);
                    Thread.Sleep(20);
                }
            });
            foreach (var file in FilesToRead(mount))
            {
                read += ReadAll(file);
                files++;
            }
            sampling.Cancel();
            sampler.Wait();
        }
        finally
        {
            Shell.Run("fusermount3", "-u", mount);
            if (!server.WaitForExit(TimeSpan.FromSeconds(30))) server.Kill(entireProcessTree: true);
        }
        TestContext.Out.WriteLine($"memfs mount --cache-size 64M: read {files} files, {read >> 20} MiB; peak RssAnon {peak >> 20} MiB");
        Assert.That(read, Is.GreaterThan((long)BulkPages * 4096 * 2), "the bulk heap was read through its region and physical.raw");
        Assert.That(peak, Is.GreaterThan(0), "RssAnon was sampled");
        Assert.That(peak, Is.LessThanOrEqualTo(CacheBytes + Allowance), $"peak RssAnon {peak >> 20} MiB");
        Assert.That(stderr.Result, Does.Contain($"heap limited to {(CacheBytes + GcHeapLimit.Allowance) >> 20} MiB"), "the collector took the limit");
    }

    private static IEnumerable<string> FilesToRead(string mount)
    {
        yield return Path.Combine(mount, "image", "physical.raw");
        foreach (var process in Directory.EnumerateDirectories(Path.Combine(mount, "processes")).Concat(Directory.EnumerateDirectories(Path.Combine(mount, "unlinked"))))
        {
            foreach (var region in Directory.EnumerateFiles(Path.Combine(process, "regions"))) yield return region;
            foreach (var file in Directory.EnumerateFiles(process, "*", SearchOption.AllDirectories))
                if (Path.GetFileName(file) is "executable.exe" or "memory.bin" || file.EndsWith(".png", StringComparison.Ordinal)) yield return file;
        }
    }

    /// <summary>Reads a file in 1 MiB blocks; a block the image cannot supply (EIO) is skipped.</summary>
    private static long ReadAll(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        var buffer = new byte[1 << 20];
        long total = 0;
        for (long at = 0; at < length; at += buffer.Length)
        {
            try
            {
                total += RandomAccess.Read(handle, buffer, at);
            }
            catch (IOException)
            {
                // An unreadable page (the demo has one) fails its block only.
            }
        }
        return total;
    }
}

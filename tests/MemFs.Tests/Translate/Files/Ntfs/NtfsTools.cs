using System.Diagnostics;
using MemFs.Tests.Support;
using NUnit.Framework;

namespace MemFs.Tests.Translate.Files.Ntfs;

/// <summary>
/// Debian's ntfs-3g tools (package <c>ntfs-3g</c>): mkntfs and ntfscp build volumes without mounting; the
/// ntfs-3g FUSE driver (root and /dev/fuse) makes directories and fragmented files. Missing tools skip a
/// test on a developer machine and fail it in CI.
/// </summary>
internal static class NtfsTools
{
    private static readonly string[] Directories = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(Directories)
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    public static void Require(params string[] tools)
    {
        var missing = tools.Where(t => Find(t) is null).ToList();
        if (missing.Count == 0) return;
        var message = $"NTFS tools missing: {string.Join(", ", missing)} (apt-get install ntfs-3g)";
        if (SharedData.IsCi) Assert.Fail(message);
        else Assert.Ignore(message);
    }

    public static bool CanMount => Find("ntfs-3g") is not null && File.Exists("/dev/fuse") && Environment.UserName == "root";

    public static void RequireMount(bool built)
    {
        if (built) return;
        const string message = "needs the ntfs-3g FUSE driver (root, /dev/fuse) to make directories";
        if (SharedData.IsCi) Assert.Fail(message);
        else Assert.Ignore(message);
    }

    public static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(tool) ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}{output.Result}");
    }

    public static void MakeVolume(string image, long size)
    {
        using (var file = File.Create(image)) file.SetLength(size);
        Run("mkntfs", "-F", "-f", "-Q", "-s", "512", "-c", "4096", "-L", "test", "-p", "0", "-H", "0", "-S", "0", image);
    }

    /// <summary>Mounts the image with ntfs-3g in the foreground, runs <paramref name="write"/> on the mount point, unmounts and waits for the driver to close the image.</summary>
    public static void WithMount(string image, Action<string> write)
    {
        var mountPoint = Directory.CreateTempSubdirectory("memfs-ntfs-mnt-").FullName;
        var start = new ProcessStartInfo(Find("ntfs-3g")!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-o", "no_detach", image, mountPoint }) start.ArgumentList.Add(a);
        using var driver = Process.Start(start)!;
        driver.OutputDataReceived += (_, _) => { };
        driver.ErrorDataReceived += (_, _) => { };
        driver.BeginOutputReadLine();
        driver.BeginErrorReadLine();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!File.ReadAllText("/proc/mounts").Contains($" {mountPoint} "))
            {
                if (driver.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException($"ntfs-3g did not mount {image}");
                Thread.Sleep(50);
            }
            write(mountPoint);
        }
        finally
        {
            if (File.ReadAllText("/proc/mounts").Contains($" {mountPoint} ")) Run("umount", mountPoint);
            if (!driver.WaitForExit(30_000)) driver.Kill();
            Directory.Delete(mountPoint);
        }
    }
}

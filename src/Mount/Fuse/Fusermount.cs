using System.Diagnostics;

namespace MemFs.Mount.Fuse;

/// <summary>The setuid fusermount3 helper: libfuse mounts through it for auto_unmount, and it unmounts for non-root users.</summary>
internal static class Fusermount
{
    private const string Program = "fusermount3";

    public static string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/bin")
            .Select(directory => Path.Combine(directory, Program))
            .FirstOrDefault(File.Exists);

    /// <summary>Detaches the mount now (<c>umount2(MNT_DETACH)</c> as root, <c>fusermount3 -u -z</c> otherwise); open files keep being served.</summary>
    public static bool DetachLazily(string mountPoint)
    {
        if (Libc.GetEffectiveUid() == 0 && Libc.Umount2(mountPoint, Libc.MNT_DETACH) == 0) return true;
        var program = Locate();
        if (program is null) return false;
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-u", "-q", "-z", "--", mountPoint }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start);
        if (process is null) return false;
        process.StandardError.ReadToEnd();
        return process.WaitForExit(TimeSpan.FromSeconds(10)) && process.ExitCode == 0;
    }
}

namespace MemFs.Mount.Fuse;

/// <summary>
/// Raises the kernel's readahead for a FUSE mount so buffered sequential reads arrive as 1 MiB requests instead of
/// 128 KiB ones (fuse.md §2.3: the request count, not the copy, bounds throughput). Needs write access to
/// /sys/class/bdi/&lt;major:minor&gt;/read_ahead_kb (root); otherwise the kernel default stays, which is only slower.
/// </summary>
internal static class ReadAhead
{
    public const int Kilobytes = 1024;

    public static bool TryRaise(string mountPoint)
    {
        try
        {
            // /proc/self/mountinfo: id parent major:minor root mountpoint ...
            var device = File.ReadLines("/proc/self/mountinfo").Select(line => line.Split(' '))
                .LastOrDefault(f => f.Length > 4 && f[4].Replace("\\040", " ") == mountPoint)?[2];
            if (device is null) return false;
            File.WriteAllText($"/sys/class/bdi/{device}/read_ahead_kb", Kilobytes.ToString());
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

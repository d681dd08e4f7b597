namespace MemFs.Tests.Mount.Fuse;

/// <summary>The mounts the kernel lists in /proc/self/mounts.</summary>
public static class MountTable
{
    public sealed record Entry(string Source, string MountPoint, string Type, string Options);

    public static IReadOnlyList<Entry> Read() =>
        [.. File.ReadAllLines("/proc/self/mounts").Select(line => line.Split(' ')).Where(f => f.Length >= 4)
            .Select(f => new Entry(Unescape(f[0]), Unescape(f[1]), f[2], f[3]))];

    public static Entry? Find(string mountPoint) => Read().LastOrDefault(e => e.MountPoint == mountPoint);

    public static bool WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}

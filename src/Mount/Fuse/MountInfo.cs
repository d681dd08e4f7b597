namespace MemFs.Mount.Fuse;

/// <summary>The kernel's view of a mount point, from /proc/self/mountinfo (proc(5): id parent major:minor root mount-point … - type …).</summary>
internal static class MountInfo
{
    public sealed record Entry(long Id, string Device, string MountPoint, string Type, string Source)
    {
        public bool IsFuse => Type.StartsWith("fuse", StringComparison.Ordinal);
    }

    /// <summary>The newest mount at <paramref name="mountPoint"/> (a full path), or null.</summary>
    public static Entry? Find(string mountPoint) =>
        File.ReadLines("/proc/self/mountinfo").Select(Parse).LastOrDefault(e => e?.MountPoint == mountPoint);

    private static Entry? Parse(string line)
    {
        var fields = line.Split(' ');
        var separator = Array.IndexOf(fields, "-");
        return fields.Length > 4 && separator > 4 && separator + 1 < fields.Length && long.TryParse(fields[0], out var id)
            ? new Entry(id, fields[2], Unescape(fields[4]), fields[separator + 1], separator + 2 < fields.Length ? Unescape(fields[separator + 2]) : "")
            : null;
    }

    private static string Unescape(string field) =>
        field.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}

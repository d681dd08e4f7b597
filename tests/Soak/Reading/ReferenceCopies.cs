using System.Globalization;

namespace MemFs.Soak.Reading;

/// <summary>
/// The files the soak reads (every process's regions and vmem, every executable.exe and memory.bin, every picture,
/// kernel modules included), each copied once, single-threaded, through the mount: the bytes every later read must give.
/// </summary>
internal static class ReferenceCopies
{
    private const int Block = 1 << 20;

    /// <summary>The targets under <paramref name="mount"/>, their copies written to <paramref name="directory"/>; a copy that fails is an error.</summary>
    public static IReadOnlyList<ReadTarget> Take(string mount, string directory, List<string> errors)
    {
        Directory.CreateDirectory(directory);
        var targets = new List<ReadTarget>();
        var copies = 0;
        string? Copy(string file)
        {
            var copy = Path.Combine(directory, $"{copies++}.bin");
            try
            {
                CopyThroughMount(file, copy);
                return copy;
            }
            catch (IOException e)
            {
                errors.Add($"reference copy of {file}: {e.Message}");
                return null;
            }
        }
        foreach (var owner in Owners(mount))
        {
            var vmem = Path.Combine(owner, "vmem");
            var regions = Path.Combine(owner, "regions");
            if (Directory.Exists(regions))
                foreach (var region in Directory.EnumerateFiles(regions, "*.bin").Order(StringComparer.Ordinal))
                {
                    if (Copy(region) is not { } copy) continue;
                    var length = new FileInfo(copy).Length;
                    if (length == 0) continue;
                    targets.Add(new ReadTarget("region", region, 0, length, copy));
                    if (File.Exists(vmem) && StartOf(region) is { } start) targets.Add(new ReadTarget("vmem", vmem, start, length, copy));
                }
            foreach (var file in Directory.EnumerateFiles(owner, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var kind = Path.GetFileName(file) switch
                {
                    "executable.exe" => "executable",
                    "memory.bin" => "memory.bin",
                    var name when name.EndsWith(".png", StringComparison.Ordinal) => "picture",
                    _ => null,
                };
                if (kind is null || Copy(file) is not { } copy) continue;
                var length = new FileInfo(copy).Length;
                if (length > 0) targets.Add(new ReadTarget(kind, file, 0, length, copy));
            }
        }
        return targets;
    }

    /// <summary>Every process directory (linked and unlinked) and every kernel module directory.</summary>
    private static IEnumerable<string> Owners(string mount) =>
        new[] { "processes", "unlinked", Path.Combine("kernel", "modules") }
            .Select(top => Path.Combine(mount, top))
            .Where(Directory.Exists)
            .SelectMany(top => Directory.EnumerateDirectories(top).Order(StringComparer.Ordinal));

    /// <summary>A regions/ file's VAD start: its name is 0x&lt;start&gt;-0x&lt;end&gt;-&lt;kind&gt;….bin.</summary>
    private static long? StartOf(string region)
    {
        var name = Path.GetFileName(region);
        var dash = name.IndexOf('-');
        return name.StartsWith("0x", StringComparison.Ordinal) && dash > 2
            && long.TryParse(name.AsSpan(2, dash - 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            ? start
            : null;
    }

    /// <summary>Copies until the mount says end of file: a report or picture not produced yet lists its size as 0 and is
    /// served with direct_io, so its listed size is no guide; a file listed with a size must end exactly there.</summary>
    private static void CopyThroughMount(string file, string copy)
    {
        using var source = File.OpenHandle(file);
        using var target = File.OpenHandle(copy, FileMode.CreateNew, FileAccess.Write);
        var listed = RandomAccess.GetLength(source);
        var buffer = new byte[Block];
        long at = 0;
        for (int n; (n = RandomAccess.Read(source, buffer, at)) > 0; at += n)
            RandomAccess.Write(target, buffer.AsSpan(0, n), at);
        if (listed > 0 && at != listed) throw new IOException($"{file}: ends at 0x{at:X}, its size says 0x{listed:X}");
    }
}

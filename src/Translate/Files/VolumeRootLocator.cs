using System.Text.RegularExpressions;

namespace MemFs.Translate.Files;

/// <summary>
/// Finds the volume roots of a <c>--files</c> tree as analysts hold them: a drive root itself, or folders named after
/// drive letters the way collection tools write them — <c>C</c>, <c>C:</c>, <c>C%3A</c>, <c>%5C%5C.%5CC%3A</c>
/// (a URL-encoded <c>\\.\C:</c>) — at any depth up to <see cref="DepthLimit"/> (<c>uploads/auto/C%3A/…</c>).
/// Kernel paths are volume-relative and the image does not say which volume is which, so every root is tried, the
/// ones holding a <c>Windows</c> folder first, the tree itself last; a tree that holds <c>Windows</c> is a drive root.
/// </summary>
internal static partial class VolumeRootLocator
{
    /// <summary>How deep drive folders are looked for: collection tools nest them two or three folders down.</summary>
    public const int DepthLimit = 4;

    /// <summary>Bounds the search in a huge tree: drive folders sit near the top, so a wide tree is not walked whole.</summary>
    public const int DirectoryLimit = 4096;

    public static IReadOnlyList<VolumeRoot> Find(string treeRoot)
    {
        var self = new VolumeRoot(treeRoot, null, HasWindowsFolder(treeRoot));
        if (self.HoldsWindows) return [self];
        var drives = new List<VolumeRoot>();
        var visited = 0;
        var pending = new Queue<(string Path, int Depth)>([(treeRoot, 0)]);
        while (pending.TryDequeue(out var directory) && visited < DirectoryLimit)
        {
            visited++;
            foreach (var child in Subdirectories(directory.Path))
            {
                if (DriveLetterOf(System.IO.Path.GetFileName(child)) is { } letter)
                    drives.Add(new VolumeRoot(child, letter, HasWindowsFolder(child)));
                else if (directory.Depth + 1 < DepthLimit)
                    pending.Enqueue((child, directory.Depth + 1));
            }
        }
        return [.. Ordered(drives), self];
    }

    /// <summary>The drive letter a folder name spells, or null: <c>C</c>, <c>C:</c>, <c>C%3A</c>, <c>\\.\C:</c> URL-encoded.</summary>
    public static char? DriveLetterOf(string name)
    {
        var decoded = Uri.UnescapeDataString(name);
        var match = DriveName().Match(decoded);
        return match.Success ? char.ToUpperInvariant(match.Groups["letter"].Value[0]) : null;
    }

    private static IEnumerable<VolumeRoot> Ordered(IEnumerable<VolumeRoot> drives) =>
        drives.OrderByDescending(d => d.HoldsWindows).ThenBy(d => d.DriveLetter).ThenBy(d => d.Path, StringComparer.Ordinal);

    private static bool HasWindowsFolder(string directory) =>
        Subdirectories(directory).Any(d => System.IO.Path.GetFileName(d).Equals("Windows", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> Subdirectories(string directory)
    {
        try
        {
            return Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    [GeneratedRegex(@"^(\\\\[.?]\\)?(?<letter>[A-Za-z]):?$")]
    private static partial Regex DriveName();
}

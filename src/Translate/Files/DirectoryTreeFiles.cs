using System.Collections.Concurrent;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files;

/// <summary>
/// Files from a directory tree (<c>--files DIR</c>): a mounted or extracted drive, or a collection with drive-letter
/// folders (<see cref="VolumeRootLocator"/>); a path is looked up under each volume root in turn. Each name is matched case-insensitively against the real directory entries, as NTFS would, although the
/// tree lives on a case-sensitive file system. Never serves a file outside the tree: <c>..</c> is refused and
/// symbolic links are followed only while they stay inside it.
/// </summary>
internal sealed class DirectoryTreeFiles : IMappedFileProvider
{
    private const int LinkHopLimit = 40;

    private readonly string _root;
    private readonly ConcurrentDictionary<string, DirectoryListing?> _listings = new(StringComparer.Ordinal);

    public DirectoryTreeFiles(string directory)
    {
        var info = new DirectoryInfo(directory);
        if (!info.Exists) throw new DirectoryNotFoundException($"--files {directory}: no such directory");
        _root = Path.TrimEndingDirectorySeparator(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName);
        Roots = VolumeRootLocator.Find(_root);
        Description = $"--files {_root}" + (Roots is [{ DriveLetter: null }] ? "" : " (volume roots: " + string.Join(", ", Roots) + ")");
    }

    public string Description { get; }

    /// <summary>The folders a path is looked up under, in order.</summary>
    public IReadOnlyList<VolumeRoot> Roots { get; }

    public IByteSource? Open(string windowsPath)
    {
        var key = WindowsPathKey.From(windowsPath);
        if (!WindowsPathKey.IsLocal(key)) return null;
        var names = WindowsPathKey.Split(key);
        foreach (var root in Roots)
        {
            if (Resolve(root.Path, names) is { } path) return new FileByteSource(path);
        }
        return null;
    }

    /// <summary>The real path of the file the names lead to from <paramref name="start"/>, staying inside the tree, or null.</summary>
    private string? Resolve(string start, IEnumerable<string> names)
    {
        var pending = new Queue<string>(names);
        var current = start;
        var hops = 0;
        while (pending.TryDequeue(out var name))
        {
            if (name is "." or "..") return null;
            if (Listing(current)?.Find(name) is not { } entry) return null;
            var next = Path.Join(current, entry.Name);
            if (entry.LinkTarget is { } target)
            {
                if (++hops > LinkHopLimit) return null;
                var resolved = Path.GetFullPath(target, current);
                if (RelativeToRoot(resolved) is not { } inside) return null;
                pending = new Queue<string>(inside.Concat(pending));
                current = _root;
                continue;
            }
            if (pending.Count == 0) return entry.IsDirectory ? null : next;
            if (!entry.IsDirectory) return null;
            current = next;
        }
        return null;
    }

    /// <summary>The names leading from the root to <paramref name="fullPath"/>, or null when it lies outside the tree.</summary>
    private string[]? RelativeToRoot(string fullPath)
    {
        var relative = Path.GetRelativePath(_root, fullPath);
        if (relative == ".") return [];
        if (Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return null;
        return relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
    }

    private DirectoryListing? Listing(string directory) => _listings.GetOrAdd(directory, DirectoryListing.Read);
}

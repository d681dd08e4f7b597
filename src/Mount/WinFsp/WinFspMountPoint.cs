namespace MemFs.Mount.WinFsp;

/// <summary>
/// What WinFsp can mount on, each refusal with a message an analyst can act on: a free drive letter ("M:"), "*" for the
/// next free one (counting down from Z:), or a directory that does not exist yet, which WinFsp creates (the opposite of
/// FUSE, which needs an existing empty directory).
/// </summary>
internal static class WinFspMountPoint
{
    /// <summary>The next free drive letter, in WinFsp's notation.</summary>
    public const string AnyDrive = "*:";

    /// <summary>The mount point as FspFileSystemSetMountPoint takes it: "X:", "*:", or a full directory path.</summary>
    public static string Resolve(string mountPoint)
    {
        var trimmed = mountPoint.Trim();
        if (trimmed is "*" or AnyDrive) return AnyDrive;
        if (IsDrive(trimmed)) return char.ToUpperInvariant(trimmed[0]) + ":";
        var path = Path.GetFullPath(trimmed);
        if (Directory.Exists(path) || File.Exists(path))
            throw new WinFspMountException($"mount point {path} exists: WinFsp mounts on a directory it creates itself, so name one that does not exist yet, or a free drive letter such as M:");
        var parent = Path.GetDirectoryName(path);
        if (parent is null || !Directory.Exists(parent))
            throw new WinFspMountException($"mount point {path}: its parent directory {parent} does not exist");
        return path;
    }

    /// <summary>"X:" or "X:\" for a letter X.</summary>
    public static bool IsDrive(string mountPoint) =>
        mountPoint.Length is 2 or 3 && char.IsAsciiLetter(mountPoint[0]) && mountPoint[1] == ':'
        && (mountPoint.Length == 2 || mountPoint[2] == '\\');
}

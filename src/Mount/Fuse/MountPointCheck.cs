namespace MemFs.Mount.Fuse;

/// <summary>What must hold before mounting, each with a message an analyst can act on.</summary>
internal static class MountPointCheck
{
    private const string Device = "/dev/fuse";

    /// <summary>The full path of a usable mount point (an existing, empty directory) on a machine that can mount FUSE.</summary>
    public static string Validate(string mountPoint)
    {
        if (!OperatingSystem.IsLinux()) throw new FuseMountException("FUSE mounts need Linux");
        if (!Path.Exists(Device))
            throw new FuseMountException($"{Device} is missing: load the fuse module (modprobe fuse), or in a container pass --device {Device} --cap-add SYS_ADMIN");
        if (Fusermount.Locate() is null)
            throw new FuseMountException("fusermount3 not found: install the 'fuse3' package (e.g. apt install fuse3)");
        var path = Path.GetFullPath(mountPoint).TrimEnd('/');
        if (path.Length == 0) path = "/";
        RefuseLiveMount(path);
        if (File.Exists(path)) throw new FuseMountException($"mount point {path} is not a directory");
        if (!Directory.Exists(path)) throw new FuseMountException($"mount point {path} does not exist");
        bool empty;
        try
        {
            empty = !Directory.EnumerateFileSystemEntries(path).Any();
        }
        catch (IOException e)
        {
            throw new FuseMountException($"mount point {path} cannot be read ({e.Message}); a stale mount? try fusermount3 -u {path}");
        }
        if (!empty) throw new FuseMountException($"mount point {path} is not empty");
        return path;
    }

    /// <summary>A FUSE file system (an earlier memfs mount, or another) already served at the mount point: mounting over it would hide it.</summary>
    public static void RefuseLiveMount(string fullPath)
    {
        if (MountInfo.Find(fullPath) is { IsFuse: true } live)
            throw new FuseMountException($"{fullPath} is already mounted ({live.Type}{(live.Source.Length > 0 ? " from " + live.Source : "")}): " +
                $"unmount it first with 'fusermount3 -u {fullPath}', or choose another mount point");
    }
}

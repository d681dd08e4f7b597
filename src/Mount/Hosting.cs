using MemFs.Vfs.Tree;

namespace MemFs.Mount;

/// <summary>Mount options every host understands.</summary>
internal sealed record MountOptions(bool AllowOther = false, bool Foreground = true, string FsName = "memfs");

/// <summary>
/// A host that serves an <see cref="IVirtualFileSystem"/> at a mount point until cancelled (FUSE on Linux, WinFsp on
/// Windows). Hosts translate requests; they hold no logic of their own. Errors map to errno in one place.
/// </summary>
internal interface IMountHost
{
    /// <summary>Mounts, serves until <paramref name="stop"/> is cancelled or the file system is unmounted, then unmounts.</summary>
    void Run(IVirtualFileSystem fileSystem, string mountPoint, MountOptions options, CancellationToken stop);
}

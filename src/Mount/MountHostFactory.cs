using MemFs.Mount.Fuse;
using MemFs.Mount.WinFsp;

namespace MemFs.Mount;

/// <summary>Picks the host for this OS: libfuse3 on Linux, WinFsp on Windows; nothing else can mount.</summary>
internal static class MountHostFactory
{
    /// <param name="maxThreads">Worker threads serving requests (FUSE loop threads, WinFsp dispatcher threads).</param>
    /// <param name="mounted">Called with the mount point once it serves.</param>
    /// <exception cref="PlatformNotSupportedException">Neither Linux nor Windows.</exception>
    public static IMountHost Create(uint maxThreads, Action<string>? mounted)
    {
        if (OperatingSystem.IsLinux()) return new FuseHost { MaxThreads = maxThreads, Mounted = mounted };
        if (OperatingSystem.IsWindows()) return new WinFspHost { MaxThreads = maxThreads, Mounted = mounted };
        throw new PlatformNotSupportedException("mounting needs FUSE (Linux) or WinFsp (Windows); use 'memfs ls' and 'memfs cat' here");
    }

    /// <summary>How the user ends a mount this OS's host serves, for the message shown once it is mounted.</summary>
    public static string UnmountHint(string mountPoint) =>
        OperatingSystem.IsWindows() ? "Ctrl-C unmounts." : $"'fusermount3 -u {mountPoint}' unmounts.";
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical.Sources;

/// <summary>
/// Whether a file's byte is in the OS page cache: on Linux a one-byte preadv2 with RWF_NOWAIT (Linux 4.14), which
/// returns EAGAIN instead of waiting for the disk. Null when that cannot tell (another system, an old kernel, a file
/// system without RWF_NOWAIT).
/// </summary>
internal static unsafe partial class PageCacheProbe
{
    /// <summary>RWF_NOWAIT in Linux's uapi/linux/fs.h.</summary>
    private const int NoWait = 0x8;

    public static bool? IsCached(SafeFileHandle handle, long offset)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            byte probe;
            var vector = new IoVector { Base = &probe, Length = 1 };
            var got = PReadV2((int)handle.DangerousGetHandle(), &vector, 1, offset, NoWait);
            if (got >= 0) return true;
            return Marshal.GetLastPInvokeError() == EAgain ? false : null;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    private const int EAgain = 11;

    /// <summary>struct iovec.</summary>
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [LibraryImport("libc.so.6", EntryPoint = "preadv2", SetLastError = true)]
    private static partial nint PReadV2(int fd, IoVector* vectors, int count, long offset, int flags);
}

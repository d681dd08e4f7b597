using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Translate.Physical.Sources;

/// <summary>
/// posix_fadvise(POSIX_FADV_WILLNEED) on Linux: the kernel starts reading the range into its page cache and returns
/// at once, so many hinted ranges are in flight together. Advice only: elsewhere, or when it fails, nothing happens.
/// </summary>
internal static partial class FileAdvice
{
    /// <summary>POSIX_FADV_WILLNEED in Linux's fadvise.h.</summary>
    private const int WillNeedAdvice = 3;

    public static void WillNeed(SafeFileHandle handle, long offset, long length)
    {
        if (!OperatingSystem.IsLinux() || length <= 0) return;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = PosixFadvise((int)handle.DangerousGetHandle(), offset, length, WillNeedAdvice);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: the read that follows reports it.
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "posix_fadvise")]
    private static partial int PosixFadvise(int fd, long offset, long length, int advice);
}

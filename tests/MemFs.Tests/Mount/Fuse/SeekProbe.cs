using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>lseek(2) with SEEK_DATA/SEEK_HOLE, which .NET does not expose; -errno on failure.</summary>
public static partial class SeekProbe
{
    public const int SEEK_DATA = 3;
    public const int SEEK_HOLE = 4;

    public static long Seek(SafeFileHandle file, long offset, int whence)
    {
        var result = LSeek((int)file.DangerousGetHandle(), offset, whence);
        return result >= 0 ? result : -Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc.so.6", EntryPoint = "lseek", SetLastError = true)]
    private static partial long LSeek(int fd, long offset, int whence);
}

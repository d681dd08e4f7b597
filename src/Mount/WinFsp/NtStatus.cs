namespace MemFs.Mount.WinFsp;

/// <summary>
/// The NTSTATUS values WinFsp callbacks return (values as in ntstatus.h and WinFsp's FileSystemBase+Const.cs); the one
/// place exceptions become a status, as <c>Errno</c> is for FUSE.
/// </summary>
internal static class NtStatus
{
    public const int Success = 0;
    public const int BufferOverflow = unchecked((int)0x80000005);
    public const int InvalidHandle = unchecked((int)0xC0000008);
    public const int InvalidParameter = unchecked((int)0xC000000D);
    public const int EndOfFile = unchecked((int)0xC0000011);
    public const int AccessDenied = unchecked((int)0xC0000022);
    public const int ObjectNameNotFound = unchecked((int)0xC0000034);
    public const int ObjectPathNotFound = unchecked((int)0xC000003A);
    public const int InsufficientResources = unchecked((int)0xC000009A);
    public const int MediaWriteProtected = unchecked((int)0xC00000A2);
    public const int FileIsADirectory = unchecked((int)0xC00000BA);
    public const int NotADirectory = unchecked((int)0xC0000103);
    public const int IoDeviceError = unchecked((int)0xC0000185);

    /// <summary>
    /// The status for an exception: a range the tree cannot produce (IOException) or a bug both become
    /// STATUS_IO_DEVICE_ERROR (Win32 ERROR_IO_DEVICE, "an I/O device error"), the nearest NTSTATUS to the EIO FUSE
    /// reports; running out of memory is STATUS_INSUFFICIENT_RESOURCES, which callers may retry.
    /// </summary>
    public static int FromException(Exception exception) =>
        exception is OutOfMemoryException ? InsufficientResources : IoDeviceError;

    /// <summary>True for success and informational codes (NT_SUCCESS: severity bits 00 or 01).</summary>
    public static bool IsSuccess(int status) => status >= 0;

    public static string Describe(int status) => $"NTSTATUS 0x{status:X8}";
}

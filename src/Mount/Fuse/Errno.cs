namespace MemFs.Mount.Fuse;

/// <summary>Linux errno values (x86-64) returned negated by FUSE callbacks; the one place exceptions become errno.</summary>
internal static class Errno
{
    public const int ENOENT = 2;
    public const int EIO = 5;
    public const int ENXIO = 6;
    public const int EBADF = 9;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int EROFS = 30;
    public const int ENODATA = 61;

    /// <summary>The errno a callback reports for an exception: a read the tree cannot produce, or a bug — both EIO.</summary>
    public static int FromException(Exception exception) => EIO;
}

namespace MemFs.Mount.Fuse;

/// <summary>FUSE requests that failed: logged once (<see cref="RequestErrorLog"/>), answered with a negative errno.</summary>
internal static class ErrorLog
{
    public static TextWriter Output => RequestErrorLog.Output;

    public static int Failed(string operation, string? path, long offset, Exception exception)
    {
        RequestErrorLog.Failed("fuse", operation, path, offset, exception);
        return -Errno.FromException(exception);
    }
}

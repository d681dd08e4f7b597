namespace MemFs.Mount.WinFsp;

/// <summary>WinFsp requests that failed: logged once (<see cref="RequestErrorLog"/>), answered with an NTSTATUS.</summary>
internal static class WinFspErrorLog
{
    public static TextWriter Output => RequestErrorLog.Output;

    public static int Failed(string operation, string? path, ulong offset, Exception exception)
    {
        RequestErrorLog.Failed("winfsp", operation, path, (long)offset, exception);
        return NtStatus.FromException(exception);
    }
}

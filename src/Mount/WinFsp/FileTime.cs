namespace MemFs.Mount.WinFsp;

/// <summary>Windows FILETIME: 100 ns intervals since 1601-01-01 UTC, the unit of every time WinFsp carries.</summary>
internal static class FileTime
{
    private static readonly long EpochTicks = new DateTime(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>The FILETIME of <paramref name="time"/> (local times converted to UTC; anything before 1601 is 0).</summary>
    public static ulong From(DateTime time)
    {
        var utc = time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time;
        return utc.Ticks <= EpochTicks ? 0 : (ulong)(utc.Ticks - EpochTicks);
    }
}

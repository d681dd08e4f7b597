using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary><c>struct timespec</c>: seconds and nanoseconds since the Unix epoch, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeTime
{
    public long Seconds;
    public long Nanoseconds;

    public static NativeTime From(DateTime time)
    {
        var ticks = (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0) { seconds--; rest += TimeSpan.TicksPerSecond; }
        return new NativeTime { Seconds = seconds, Nanoseconds = rest * 100 };
    }
}

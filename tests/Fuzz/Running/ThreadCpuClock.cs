using System.Globalization;
using System.Runtime.InteropServices;

namespace MemFs.Fuzz.Running;

/// <summary>
/// The CPU time (user + system) one thread has used, readable from another thread: on Linux from
/// <c>/proc/self/task/TID/stat</c> (proc(5): fields 14 utime and 15 stime, in clock ticks). A case's work runs on its
/// own thread, so this is the work it did, whatever the load on the machine; where there is no procfs it is null.
/// </summary>
internal sealed partial class ThreadCpuClock
{
    private const int ClockTicksName = 2;
    private static readonly long TicksPerSecond = OperatingSystem.IsLinux() ? Math.Max(1, SystemConfiguration(ClockTicksName)) : 100;
    private readonly string? _stat;

    private ThreadCpuClock(string? stat) => _stat = stat;

    /// <summary>The clock of the calling thread.</summary>
    public static ThreadCpuClock OfCurrentThread() =>
        new(OperatingSystem.IsLinux() ? $"/proc/self/task/{ThreadId().ToString(CultureInfo.InvariantCulture)}/stat" : null);

    /// <summary>The thread's CPU time so far; null where it cannot be read (no procfs, or the thread is gone).</summary>
    public TimeSpan? Read()
    {
        if (_stat is null) return null;
        string text;
        try { text = File.ReadAllText(_stat); }
        catch (IOException) { return null; }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((double)ticks / TicksPerSecond);
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int ThreadId();

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SystemConfiguration(int name);
}

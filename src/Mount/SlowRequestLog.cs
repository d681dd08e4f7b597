using System.Collections.Concurrent;
using System.Diagnostics;

namespace MemFs.Mount;

/// <summary>
/// Requests of a mount host that took longer than <see cref="Threshold"/> (a report or picture produced on first read,
/// a cold scan): each operation and path written once to stderr with the time it took, at most 200 of them, so a
/// foreground mount shows where a slow tool waits. A background mount's stderr is closed once it is mounted.
/// </summary>
internal static class SlowRequestLog
{
    private const int MaxDistinct = 200;
    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.Ordinal);

    public static TimeSpan Threshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Logs the request begun at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) when it was slow.</summary>
    public static void Finished(string host, string operation, string? path, long started)
    {
        var took = Stopwatch.GetElapsedTime(started);
        if (took < Threshold || Seen.Count > MaxDistinct) return;
        var key = $"{host} {operation} {path}";
        if (!Seen.TryAdd(key, 0)) return;
        RequestErrorLog.Output.WriteLine(Seen.Count > MaxDistinct
            ? $"memfs: {host}: too many slow requests; further ones are not shown"
            : $"memfs: {host}: slow: {operation} {path} took {took.TotalSeconds:F1} s");
    }
}

using System.Collections.Concurrent;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// Failed requests, each operation/path/offset written once to stderr and at most 200 of them, so Explorer retrying a bad
/// range cannot flood the terminal.
/// </summary>
internal static class WinFspErrorLog
{
    private const int MaxDistinct = 200;
    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.Ordinal);

    public static TextWriter Output { get; set; } = Console.Error;

    /// <summary>Logs the failure unless it was logged already, and returns the NTSTATUS to report for it.</summary>
    public static int Failed(string operation, string? path, ulong offset, Exception exception)
    {
        var key = $"{operation} {path} @{offset}";
        if (Seen.Count <= MaxDistinct && Seen.TryAdd(key, 0))
            Output.WriteLine(Seen.Count > MaxDistinct
                ? "memfs: winfsp: too many errors; further ones are not shown"
                : $"memfs: winfsp: {key}: {(exception is IOException ? exception.Message : exception.ToString())}");
        return NtStatus.FromException(exception);
    }
}

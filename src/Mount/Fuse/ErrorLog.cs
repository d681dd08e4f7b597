using System.Collections.Concurrent;

namespace MemFs.Mount.Fuse;

/// <summary>
/// Failed requests, written once per operation/path/offset to stderr; bounded so a tool that retries a bad range
/// forever cannot flood the terminal.
/// </summary>
internal static class ErrorLog
{
    private const int MaxDistinct = 200;
    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.Ordinal);

    public static TextWriter Output { get; set; } = Console.Error;

    /// <summary>Logs the failure (unless already logged or over the bound) and returns the negative errno to report.</summary>
    public static int Failed(string operation, string? path, long offset, Exception exception)
    {
        var key = $"{operation} {path} @{offset}";
        if (Seen.Count <= MaxDistinct && Seen.TryAdd(key, 0))
        {
            var what = exception is IOException ? exception.Message : exception.ToString();
            Output.WriteLine(Seen.Count > MaxDistinct
                ? "memfs: fuse: too many errors; further ones are not shown"
                : $"memfs: fuse: {key}: {what}");
        }
        return -Errno.FromException(exception);
    }
}

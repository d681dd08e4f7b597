using System.Collections.Concurrent;

namespace MemFs.Mount;

/// <summary>
/// Failed requests of a mount host, each operation/path/offset written once to stderr and at most 200 of them, so a
/// tool or Explorer retrying a bad range cannot flood the terminal.
/// </summary>
internal static class RequestErrorLog
{
    private const int MaxDistinct = 200;
    private static readonly ConcurrentDictionary<string, byte> Seen = new(StringComparer.Ordinal);

    public static TextWriter Output { get; set; } = Console.Error;

    /// <summary>Logs the failure unless it was logged already or the bound is reached.</summary>
    public static void Failed(string host, string operation, string? path, long offset, Exception exception)
    {
        var key = $"{operation} {path} @{offset}";
        if (Seen.Count > MaxDistinct || !Seen.TryAdd($"{host} {key}", 0)) return;
        Output.WriteLine(Seen.Count > MaxDistinct
            ? $"memfs: {host}: too many errors; further ones are not shown"
            : $"memfs: {host}: {key}: {(exception is IOException ? exception.Message : exception.ToString())}");
    }
}

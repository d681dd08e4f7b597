using System.Collections.Concurrent;
using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Tests.Translate.Extended;

/// <summary>
/// Serves pattern files by lookup key and counts how often each key is asked for; an optional delay widens
/// races between threads opening the same file.
/// </summary>
internal sealed class CountingFileProvider(IReadOnlyDictionary<string, (long Length, int Seed)> files, int delayMilliseconds = 0) : IMappedFileProvider
{
    private readonly ConcurrentDictionary<string, int> _opens = new();

    public string Description => "test files";

    public List<PatternSource> Opened { get; } = [];

    public int Opens(string path) => _opens.GetValueOrDefault(WindowsPathKey.From(path));

    public IByteSource? Open(string windowsPath)
    {
        var key = WindowsPathKey.From(windowsPath);
        _opens.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (delayMilliseconds > 0) Thread.Sleep(delayMilliseconds);
        if (!files.TryGetValue(key, out var file)) return null;
        var source = new PatternSource("test:" + key, file.Length, file.Seed);
        lock (Opened) Opened.Add(source);
        return source;
    }
}

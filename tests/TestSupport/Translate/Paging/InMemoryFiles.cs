using MemFs.Tests.Translate.Physical;
using MemFs.Translate.Files;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Tests.Translate.Paging;

/// <summary>Mapped files held in memory, looked up by the same path keys the real providers use.</summary>
internal sealed class InMemoryFiles(IReadOnlyDictionary<string, byte[]> files) : IMappedFileProvider
{
    public string Description => "test files in memory";

    public IByteSource? Open(string windowsPath)
    {
        var key = WindowsPathKey.From(windowsPath);
        var hit = files.FirstOrDefault(f => WindowsPathKey.From(f.Key) == key);
        return hit.Value is null ? null : new TestArraySource(hit.Value, hit.Key);
    }
}

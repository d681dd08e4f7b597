using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files;

/// <summary>
/// Several file sources tried in order; the first that has the file serves it. The conventional order is the
/// most faithful first: files acquired with the memory (AFF4), then <c>--files</c>, then <c>--disk</c>.
/// </summary>
internal sealed class CompositeFileProvider(IReadOnlyList<IMappedFileProvider> providers) : IMappedFileProvider
{
    public IReadOnlyList<IMappedFileProvider> Providers { get; } = providers;

    public string Description { get; } = providers.Count == 0 ? NoMappedFiles.Instance.Description : string.Join("; ", providers.Select(p => p.Description));

    public IByteSource? Open(string windowsPath)
    {
        foreach (var provider in Providers)
            if (provider.Open(windowsPath) is { } source) return source;
        return null;
    }
}

using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Symbols.Server;
namespace MemFs.Vfs.Session;

/// <summary>
/// What an <see cref="EvidenceSession"/> opens: the image, its auxiliary sources (pagefiles, a file tree by Windows
/// path, a disk image), local symbols, a build hint, the one memory budget every cache shares, and whether
/// unresolvable pages read as zeros in the tree.
/// </summary>
public sealed record EvidenceOptions(string ImagePath)
{
    /// <summary>The budget when none is given: decoded AFF4 chunks, page tables and the tree's pages and renders together.</summary>
    public const long DefaultCacheBytes = 512L * 1024 * 1024;

    /// <summary>Below this a single rendered picture or a bevy of chunks would not fit.</summary>
    public const long MinimumCacheBytes = 1024 * 1024;

    public IReadOnlyList<string> Pagefiles { get; init; } = [];
    public string? Files { get; init; }
    public string? Disk { get; init; }
    public IReadOnlyList<string> Symbols { get; init; } = [];
    /// <summary>Where downloads from a <c>srv*URL</c> symbol path show progress and failures; null shows nothing.</summary>
    public ISymbolDownloadObserver? SymbolDownloads { get; init; }
    public uint? Build { get; init; }
    public long CacheBytes { get; init; } = DefaultCacheBytes;
    /// <summary>Whether pages without bytes read as zeros (holes, the default) or unresolvable ones fail (--strict).</summary>
    public HolePolicy Holes { get; init; } = HolePolicy.Holes;
}

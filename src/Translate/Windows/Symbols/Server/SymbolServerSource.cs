using MemFs.Translate.Windows.Symbols.Pdb;
using MemFs.Translate.Windows.Symbols.Sources;

namespace MemFs.Translate.Windows.Symbols.Server;

/// <summary>
/// <c>--symbols srv*CACHE*URL</c>: the kernel PDB from the cache, else downloaded from each server in turn into the
/// cache's srv* layout, then read by our own PDB reader. The only source that goes online, and only when given.
/// A failed download is a warning and the resolution goes on with the next source.
/// </summary>
internal sealed class SymbolServerSource : IKernelProfileSource
{
    private readonly SymbolServerPath _path;
    private readonly PdbStoreSource _cache;
    private readonly SymbolDownloader _downloader;
    private readonly ISymbolDownloadObserver _observer;

    public SymbolServerSource(SymbolServerPath path, ISymbolDownloadObserver observer, SymbolDownloadLimits? limits = null)
    {
        _path = path;
        _cache = new PdbStoreSource(new SymbolStore(path.Cache));
        _observer = observer;
        _downloader = new SymbolDownloader(limits ?? SymbolDownloadLimits.Default, observer);
    }

    public string Name => $"symbol server {string.Join(", ", _path.Servers)} (cache {_path.Cache})";

    public KernelProfile? TryGet(KernelId id, out string? note)
    {
        if (!id.TryGuidAge(out var guid, out var age))
        {
            note = "the kernel's PDB id is unknown";
            return null;
        }
        var cached = _cache.TryGet(id, out note);
        if (cached is not null) return cached;

        var problems = new List<string>();
        foreach (var server in _path.Servers)
        {
            var fetch = new SymbolServerFetch(_downloader, server);
            try
            {
                var path = fetch.Fetch(_path.Cache, id.PdbName, guid, age);
                if (path is not null)
                {
                    note = $"downloaded {id.PdbName} {SymbolStore.Id(guid, age)} from {server} into {path}";
                    return PdbProfileReader.Read(PdbFile.Open(path), $"PDB {path}");
                }
                problems.Add(fetch.Tried(id.PdbName, guid, age));
            }
            catch (IOException e)
            {
                problems.Add(e.Message);
            }
            catch (UnauthorizedAccessException e)
            {
                problems.Add($"{_path.Cache}: cannot write the cache: {e.Message}");
            }
        }
        note = string.Join("; ", problems);
        _observer.Warning($"symbols: {note}; going on with the other symbol sources");
        return null;
    }
}

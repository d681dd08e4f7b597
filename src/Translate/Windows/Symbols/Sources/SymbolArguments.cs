using MemFs.Translate.Windows.Symbols.Isf;
using MemFs.Translate.Windows.Symbols.Pdb;
using MemFs.Translate.Windows.Symbols.Server;

namespace MemFs.Translate.Windows.Symbols.Sources;

/// <summary>
/// <c>--symbols</c> (repeatable): a local path — a symbol store (srv* layout or flat folder of .pdb files) and/or
/// Volatility 3 ISF files (folder, zip or file), each path offered both ways, PDB before ISF — or a debugger symbol
/// path: <c>srv*CACHE*URL[*URL…]</c>, <c>srv*URL</c> (default cache), <c>srv*DIR</c> (local only) and
/// <c>cache*DIR</c> (the cache of the srv* elements that name none), joined by ';' as in _NT_SYMBOL_PATH.
/// Only a srv* element with an http or https URL ever goes online.
/// </summary>
public static class SymbolArguments
{
    /// <summary>Checks the syntax of the symbol-path arguments (a malformed URL is a usage error before any image is read).</summary>
    public static void Validate(IEnumerable<string> arguments)
    {
        foreach (var element in Elements(arguments).Where(e => e.StartsWith(SymbolServerPath.ServerPrefix, StringComparison.OrdinalIgnoreCase)))
            SymbolServerPath.Parse(element, DefaultSymbolCache.Directory());
    }

    public static IReadOnlyList<IKernelProfileSource> Parse(IEnumerable<string> arguments, ISymbolDownloadObserver? observer = null)
    {
        var elements = Elements(arguments);
        var cacheElement = elements.LastOrDefault(e => e.StartsWith(SymbolServerPath.CachePrefix, StringComparison.OrdinalIgnoreCase));
        var defaultCache = cacheElement?[SymbolServerPath.CachePrefix.Length..] is { Length: > 0 } named ? named : DefaultSymbolCache.Directory();

        var sources = new List<IKernelProfileSource>();
        var isfs = new List<IKernelProfileSource>();
        foreach (var element in elements)
        {
            if (element.StartsWith(SymbolServerPath.CachePrefix, StringComparison.OrdinalIgnoreCase))
            {
                var folder = element[SymbolServerPath.CachePrefix.Length..];
                sources.Add(new PdbStoreSource(new SymbolStore(folder.Length > 0 ? folder : defaultCache)));
            }
            else if (element.StartsWith(SymbolServerPath.ServerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var path = SymbolServerPath.Parse(element, defaultCache);
                sources.AddRange(path.LocalStores.Select(store => new PdbStoreSource(new SymbolStore(store))));
                if (path.Servers.Count > 0) sources.Add(new SymbolServerSource(path, observer ?? SilentDownloadObserver.Instance));
            }
            else
            {
                if (!Directory.Exists(element) && !File.Exists(element)) throw new FileNotFoundException($"--symbols {element}: no such file or directory");
                if (Directory.Exists(element)) sources.Add(new PdbStoreSource(new SymbolStore(element)));
                isfs.Add(new IsfProfileSource(IsfDirectory.Open(element)));
            }
        }
        return [.. sources.DistinctBy(s => s.Name), .. isfs];
    }

    private static List<string> Elements(IEnumerable<string> arguments) =>
        arguments.SelectMany(a => SymbolServerPath.IsSymbolPath(a) ? a.Split(';', StringSplitOptions.RemoveEmptyEntries) : [a]).ToList();
}

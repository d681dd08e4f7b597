using System.CommandLine;
using MemFs.Aff4.Caching;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Paging;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Sources;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary>
/// The options of the commands that show the MemFs tree (mount, ls, cat): the image and its sources, symbols, the page
/// cache size and whether unresolvable pages are holes (the default) or fail (--strict).
/// </summary>
public sealed class TreeOptions
{
    public const long DefaultCacheBytes = 512L * 1024 * 1024;

    public SystemOptions System { get; } = new();
    public Option<string> CacheSize { get; } = new("--cache-size") { Description = "page cache bound (K/M/G suffixes; default 512M)", DefaultValueFactory = _ => "512M" };
    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = "EIO on pages whose bytes cannot be resolved (pagefile or file not supplied, compressed) instead of holes; " +
                      "reserved, decommitted and unmapped pages stay holes",
    };

    /// <summary>The former opt-in to holes, now the default: still accepted so scripts keep working.</summary>
    public Option<bool> ZeroFill { get; } = new("--zero-fill") { Hidden = true };

    public void AddTo(Command command)
    {
        System.AddTo(command, withJson: false);
        command.Add(CacheSize);
        command.Add(Strict);
        command.Add(ZeroFill);
    }

    public static HolePolicy Policy(bool strict) => strict ? HolePolicy.Strict : HolePolicy.Holes;

    public TreeSession Open(ParseResult parse)
    {
        var cacheBytes = NumberParser.Parse(parse.GetValue(CacheSize)!, "--cache-size");
        if (cacheBytes < CachedPageMinimum) throw new UsageException($"--cache-size {cacheBytes}: at least {CachedPageMinimum} bytes");
        return TreeSession.Open(parse.GetValue(System.Image)!, parse.GetValue(System.Pagefiles) ?? [], parse.GetValue(System.Files), parse.GetValue(System.Disk),
            parse.GetValue(System.Symbols) ?? [], parse.GetValue(System.Build), cacheBytes, Policy(parse.GetValue(Strict)));
    }

    private const long CachedPageMinimum = 1024 * 1024;
}

/// <summary>
/// An image opened as a MemFs tree. Without a Windows kernel (or without symbols that fit it) the tree still shows the
/// image and its sources; README.txt and image/info.txt say why there are no processes.
/// </summary>
public sealed class TreeSession(ImageSources sources, ChunkCache cache, MemFsTree tree, WindowsSystem? system, string? systemFailure) : IDisposable
{
    public static TreeSession Open(string imagePath, IReadOnlyList<string> pagefiles, string? files, string? disk, IReadOnlyList<string> symbolPaths,
        uint? build, long cacheBytes, HolePolicy holes) =>
        ImageSources.Open(imagePath, pagefiles, files, disk).Then(sources =>
        {
            WindowsSystem? system = null;
            string? failure = null;
            try
            {
                system = WindowsSystem.Open(sources.Image, sources.Space, new SymbolOptions(SymbolArguments.Parse(symbolPaths), build));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
            {
                failure = e.Message;
            }
            var cache = new ChunkCache(cacheBytes);
            return new TreeSession(sources, cache, new MemFsTree(sources.Image, sources.Space, system, failure, cache, holes), system, failure);
        });

    public MemFsTree Tree => tree;
    public WindowsSystem? System => system;
    public string? SystemFailure => systemFailure;

    public void Dispose()
    {
        cache.Dispose();
        sources.Dispose();
    }
}

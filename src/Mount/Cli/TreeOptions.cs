using System.CommandLine;
using MemFs.Translate.Paging;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// The options of the commands that show the MemFs tree (mount, ls, cat): the image and its sources, symbols, the page
/// cache size (the session's one memory budget) and whether unresolvable pages are holes (the default) or fail (--strict).
/// </summary>
internal sealed class TreeOptions
{
    public SystemOptions System { get; } = new();
    public Option<string> CacheSize { get; } = new("--cache-size")
    {
        Description = "memory budget of every cache together: decoded image chunks, page tables, the tree's pages and rendered files (K/M/G suffixes)",
        DefaultValueFactory = _ => "512M",
    };
    public Option<bool> Strict { get; } = new("--strict")
    {
        Description = "EIO on pages whose bytes cannot be resolved (pagefile or file not supplied, compressed) instead of holes; " +
                      "reserved, decommitted and unmapped pages stay holes",
    };

    /// <summary>The former opt-in to holes, now the default: still accepted so scripts keep working.</summary>
    public Option<bool> ZeroFill { get; } = new("--zero-fill") { Hidden = true };

    public Option<bool> Force { get; } = new("--force")
    {
        Description = "open a raw image even when it cannot be memory (under 1 MiB, or neither a DTB nor a Windows kernel found in it)",
    };

    public void AddTo(Command command)
    {
        System.AddTo(command, withJson: false);
        command.Add(CacheSize);
        command.Add(Strict);
        command.Add(ZeroFill);
        command.Add(Force);
    }

    public static HolePolicy Policy(bool strict) => strict ? HolePolicy.Strict : HolePolicy.Holes;

    /// <summary>The session, refused (unless --force) when the image cannot be memory; see <see cref="ImagePlausibility"/>.</summary>
    public EvidenceSession Open(ParseResult parse, string forcedVerb)
    {
        var session = EvidenceSession.Open(System.Evidence(parse) with
        {
            CacheBytes = NumberParser.Parse(parse.GetValue(CacheSize)!, "--cache-size"),
            Holes = Policy(parse.GetValue(Strict)),
        });
        if (parse.GetValue(Force) || ImagePlausibility.Problem(session) is not { } problem) return session;
        session.Dispose();
        throw new IOException($"{problem}; --force {forcedVerb} it anyway");
    }

    /// <summary>
    /// A path the tree does not hold is a fact about the image (a damaged process list hides a process's directory),
    /// so it is reported as bad input (exit 1, the image named by the command runner), not as a usage error.
    /// </summary>
    public static string NotInTree(string path, string what) =>
        $"{path}: no such {what} in the tree this image gives ('memfs ls IMAGE' lists it; 'memfs ps --scan' finds processes off the list)";
}

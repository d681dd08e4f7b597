using System.CommandLine;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// The options of the commands that show the MemFs tree (mount, ls, cat): the image and its sources, symbols, the page
/// cache size (the session's one memory budget) and whether unresolvable pages read as zeros.
/// </summary>
internal sealed class TreeOptions
{
    public SystemOptions System { get; } = new();
    public Option<string> CacheSize { get; } = new("--cache-size")
    {
        Description = "memory budget of every cache together: decoded image chunks, page tables, the tree's pages and rendered files (K/M/G suffixes; default 512M)",
        DefaultValueFactory = _ => "512M",
    };
    public Option<bool> ZeroFill { get; } = new("--zero-fill")
    {
        Description = "read pages that cannot be resolved as zeros instead of an I/O error (the vadmap and vtop files still say why)",
    };

    public void AddTo(Command command)
    {
        System.AddTo(command, withJson: false);
        command.Add(CacheSize);
        command.Add(ZeroFill);
    }

    public EvidenceSession Open(ParseResult parse) => EvidenceSession.Open(System.Evidence(parse) with
    {
        CacheBytes = NumberParser.Parse(parse.GetValue(CacheSize)!, "--cache-size"),
        ZeroFill = parse.GetValue(ZeroFill),
    });
}

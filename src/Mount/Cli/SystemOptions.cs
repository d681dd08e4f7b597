using System.CommandLine;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// The options of the commands that read Windows objects (ps, vads, modules, vtop --pid): the image, its auxiliary
/// sources, local symbols and a build hint. Opening them finds the kernel and its profile offline.
/// </summary>
internal sealed class SystemOptions
{
    public Argument<string> Image { get; } = new("IMAGE") { Description = "the memory image (format recognised by content)" };
    public Option<string[]> Pagefiles { get; } = InfoCommand.PagefilesOption();
    public Option<string?> Files { get; } = InfoCommand.FilesOption();
    public Option<string?> Disk { get; } = new("--disk") { Description = "a disk or NTFS volume image to read mapped files from" };
    public Option<string[]> Symbols { get; } = SymbolsOption.Create();
    public Option<uint?> Build { get; } = new("--build") { Description = "Windows build number to assume when the image does not tell" };
    public Option<bool> Json { get; } = new("--json") { Description = "machine-readable output" };

    public void AddTo(Command command, bool withJson = true)
    {
        command.Add(Image);
        command.Add(Pagefiles);
        command.Add(Files);
        command.Add(Disk);
        command.Add(Symbols);
        command.Add(Build);
        if (withJson) command.Add(Json);
    }

    /// <summary>The options of the session these commands open.</summary>
    public EvidenceOptions Evidence(ParseResult parse) => new(parse.GetValue(Image)!)
    {
        Pagefiles = parse.GetValue(Pagefiles) ?? [],
        Files = parse.GetValue(Files),
        Disk = parse.GetValue(Disk),
        Symbols = parse.GetValue(Symbols) ?? [],
        SymbolDownloads = SymbolsOption.Downloads,
        Build = parse.GetValue(Build),
    };

    public EvidenceSession Open(ParseResult parse) => EvidenceSession.Open(Evidence(parse));
}

using System.CommandLine;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary>
/// The options every translating command shares (image, DTB, pagefiles, files, build and layout overrides),
/// and the session they open. Build, InvalidPteMask and DTB come from the kernel unless overridden.
/// </summary>
internal sealed class TranslationOptions
{
    public Argument<string> Image { get; } = new("IMAGE") { Description = "the memory image (format recognised by content)" };
    public Option<string?> Dtb { get; } = new("--dtb") { Description = "directory table base (CR3) of the address space; default: the kernel's, as discovery finds it" };
    public Option<string[]> Pagefiles { get; } = InfoCommand.PagefilesOption();
    public Option<string?> Files { get; } = InfoCommand.FilesOption();
    public Option<string?> Disk { get; } = new("--disk") { Description = "a disk or NTFS volume image to read mapped files from (read-only, our own NTFS reader)" };
    public Option<uint?> Build { get; } = new("--build") { Description = "override the Windows build found in the kernel (chooses the software PTE layout)" };
    public Option<string?> PteLayout { get; } = new("--pte-layout") { Description = "override the software PTE layout: win7 (7601…1803), win10 (1809…23H2), 24h2" };
    public Option<string[]> Symbols { get; } = SymbolsOption.Create();
    public Option<string?> InvalidPteMask { get; } = new("--invalid-pte-mask")
    {
        Description = "override nt!MiState.Hardware.InvalidPteMask for 1809+ kernels (default: read through the profile, else the bit the page tables show, else 0x200000000000)",
    };

    public void AddTo(Command command)
    {
        command.Add(Image);
        command.Add(Dtb);
        command.Add(Pagefiles);
        command.Add(Files);
        command.Add(Disk);
        command.Add(Build);
        command.Add(PteLayout);
        command.Add(InvalidPteMask);
        command.Add(Symbols);
    }

    /// <summary>The session of the image and its sources; vtop and vmem discover the kernel in it.</summary>
    public EvidenceSession Open(ParseResult parse) => EvidenceSession.Open(new EvidenceOptions(parse.GetValue(Image)!)
    {
        Pagefiles = parse.GetValue(Pagefiles) ?? [],
        Files = parse.GetValue(Files),
        Disk = parse.GetValue(Disk),
        Symbols = parse.GetValue(Symbols) ?? [],
        SymbolDownloads = SymbolsOption.Downloads,
    });

    /// <summary>The address space named on the command line (<paramref name="pid"/> when the command has --pid) and its overrides.</summary>
    public AddressSpaceRequest Request(ParseResult parse, Option<string?> pid) => new()
    {
        Process = Cli.PidOption.Value(parse, pid),
        Dtb = parse.GetValue(Dtb) is { } dtb ? NumberParser.ParseAddress(dtb, "--dtb") : null,
        Build = parse.GetValue(Build),
        PteLayout = parse.GetValue(PteLayout),
        InvalidPteMask = parse.GetValue(InvalidPteMask) is { } mask ? NumberParser.ParseAddress(mask, "--invalid-pte-mask") : null,
    };

    public static Option<string?> PidOption() =>
        Cli.PidOption.Create("translate in this process's address space (its own DTB and VADs; finds the kernel and its symbols offline)");
}

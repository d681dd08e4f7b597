using System.CommandLine;
using MemFs.Translate.Extended;
using MemFs.Translate.Files;
using MemFs.Translate.Physical;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Symbols.Sources;

namespace MemFs.Mount.Cli;

/// <summary>
/// The options of the commands that read Windows objects (ps, vads, modules, vtop --pid): the image, its auxiliary
/// sources, local symbols and a build hint. Opening them finds the kernel and its profile offline.
/// </summary>
public sealed class SystemOptions
{
    public Argument<string> Image { get; } = new("IMAGE") { Description = "the memory image (format recognised by content)" };
    public Option<string[]> Pagefiles { get; } = InfoCommand.PagefilesOption();
    public Option<string?> Files { get; } = InfoCommand.FilesOption();
    public Option<string?> Disk { get; } = new("--disk") { Description = "a disk or NTFS volume image to read mapped files from" };
    public Option<string[]> Symbols { get; } = new("--symbols")
    {
        Description = "local symbols: a srv* store or folder of .pdb files, or Volatility 3 ISF files (folder, zip or file); repeatable; never goes online",
    };
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

    public SystemSession Open(ParseResult parse) =>
        SystemSession.Open(parse.GetValue(Image)!, parse.GetValue(Pagefiles) ?? [], parse.GetValue(Files), parse.GetValue(Disk),
            parse.GetValue(Symbols) ?? [], parse.GetValue(Build));
}

/// <summary>An image opened down to its Windows objects; disposing closes every source.</summary>
public sealed class SystemSession(ImageSources sources, WindowsSystem system) : IDisposable
{
    public static SystemSession Open(string imagePath, IReadOnlyList<string> pagefiles, string? files, string? disk, IReadOnlyList<string> symbolPaths, uint? build) =>
        ImageSources.Open(imagePath, pagefiles, files, disk).Then(sources =>
            new SystemSession(sources, WindowsSystem.Open(sources.Image, sources.Space, new SymbolOptions(SymbolArguments.Parse(symbolPaths), build))));

    public PhysicalImage Image => sources.Image;
    public ExtendedPhysicalSpace Space => sources.Space;
    public WindowsSystem System => system;
    public IReadOnlyList<string> Notes => sources.Notes;

    public Translate.Windows.Objects.ProcessInfo Process(long pid) =>
        system.Processes.FirstOrDefault(p => p.Pid == pid) ?? throw new UsageException($"no process with PID {pid} (see 'memfs ps')");

    public void Dispose() => sources.Dispose();
}

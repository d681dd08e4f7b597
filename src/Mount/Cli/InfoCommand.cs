using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Files;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Session;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs info</c>: what a memory image is and holds, whatever its format.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var image = new Argument<string>("IMAGE") { Description = "the memory image (format recognised by content): raw, crash dump, AFF4, LiME, ELF core, VMware .vmem/.vmss" };
        var pagefiles = PagefilesOption();
        var files = FilesOption();
        var runs = new Option<bool>("--all-runs") { Description = "list every physical run (by default the first 32)" };
        var modules = new Option<bool>("--modules") { Description = "list every kernel module the image lists (triage dumps)" };
        var symbols = SymbolsOption.Create();
        var build = new Option<uint?>("--build") { Description = "Windows build number to assume when the image does not tell" };
        var json = new Option<bool>("--json") { Description = "machine-readable output: one object with every run and module (schema in the README, \"JSON output\")" };
        var command = new Command("info", "Print the image format, physical runs, total and backed size, header facts (DTB, kernel base, " +
            "build, bug check, KDBG) and the auxiliary sources found (pagefiles, acquired files).\n\n" +
            "Examples:\n" +
            "  memfs info memory.dmp\n" +
            "  memfs info memory.aff4\n" +
            "  memfs info memory.raw --pagefile pagefile.sys --files /mnt/c\n" +
            "  memfs info triage.dmp --modules\n" +
            "  memfs info memory.raw --json");
        command.Add(image);
        command.Add(pagefiles);
        command.Add(files);
        command.Add(runs);
        command.Add(modules);
        command.Add(symbols);
        command.Add(build);
        command.Add(json);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var auxiliary = PagefileArgument.Parse(parse.GetValue(pagefiles) ?? []).ToList();
            if (parse.GetValue(files) is { } directory) auxiliary.Add(FileTreeArgument.Describe(directory));
            using var session = EvidenceSession.Open(new EvidenceOptions(parse.GetValue(image)!)
            {
                Pagefiles = parse.GetValue(pagefiles) ?? [],
                Files = parse.GetValue(files),
                Symbols = parse.GetValue(symbols) ?? [],
                SymbolDownloads = SymbolsOption.Downloads,
                Build = parse.GetValue(build),
            });
            if (parse.GetValue(json))
            {
                Console.WriteLine(CliJson.Serialize(InfoJsonBuilder.Build(session.Image, auxiliary, session.System, session.SystemFailure, session.Space.UnplacedPagefiles)));
                return 0;
            }
            new PhysicalInfoReport(session.Image, auxiliary, Console.Out) { AllRuns = parse.GetValue(runs), AllModules = parse.GetValue(modules) }.Write();
            new OsFactsReport(Console.Out).Write(session.Image, session.System, session.SystemFailure);
            foreach (var reason in session.Space.UnplacedPagefiles) Console.WriteLine($"Left out: {reason}");
            return 0;
        }));
        return command;
    }

    public static Option<string[]> PagefilesOption() => new("--pagefile")
    {
        Description = "a pagefile, FILE or N=FILE with Windows' paging file number (pagefile.sys is 0); repeatable",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> FilesOption() => new("--files") { Description = "a directory tree of files by Windows path (a mounted or extracted C: drive)" };
}

using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Paging;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs vtop</c>: how one virtual address translates, every step shown.</summary>
internal static class VtopCommand
{
    public static Command Create()
    {
        var options = new TranslationOptions();
        var address = new Argument<string>("ADDRESS") { Description = "the virtual address (0x hex or decimal)" };
        var pid = TranslationOptions.PidOption();
        var json = new Option<bool>("--json") { Description = "machine-readable output: every step as an object (schema in the README, \"JSON output\")" };
        var command = new Command("vtop", "Translate a virtual address and show every step like Rekall's vtop: each table entry's " +
            "physical location and value, the decoded PTE with its fields, VAD and prototype PTE lookups, subsection → file, " +
            "pagefile number and offset, and the final location in the extended physical space, or why there is none.\n\n" +
            "Examples:\n" +
            "  memfs vtop memory.aff4 0xFFFFF80450228BC0\n" +
            "  memfs vtop memory.raw --dtb 0x1AD000 0x7FF6A1230000 --pagefile pagefile.sys --files /mnt/c\n" +
            "  memfs vtop memory.raw --pid 1234 0x7FF6A1230000\n" +
            "  memfs vtop memory.raw --pid 1234 0x7FF6A1230000 --json\n\n" +
            "The build, InvalidPteMask and DTB come from the kernel found in the image; the first lines say where each came from.");
        options.AddTo(command);
        command.Add(address);
        command.Add(pid);
        command.Add(json);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var va = NumberParser.ParseAddress(parse.GetValue(address)!, "ADDRESS");
            var trace = new TraceRecorder();
            var request = options.Request(parse, pid);
            using var session = options.Open(parse);
            var space = session.AddressSpace(request);
            var result = space.Translator.Translate(space.Dtb, va, space.Vads, trace);
            if (parse.GetValue(json))
            {
                var owner = space.Process is { } p ? new VtopProcessJson(p.Pid, p.Name, Hex.Of(p.Dtb)) : null;
                Console.WriteLine(CliJson.Serialize(VtopJsonBuilder.Build(va, space.Dtb, owner, space.Provenance,
                    session.Space.Regions.Select(r => r.ToString()!).ToList(), session.Notes, trace.Steps, result, space.Translator.Settings)));
            }
            else
            {
                if (space.Process is { } process) Console.WriteLine($"# process {process.Pid} {process.Name}, DTB 0x{process.Dtb:X}");
                foreach (var line in space.Provenance) Console.WriteLine($"# {line}");
                foreach (var region in session.Space.Regions) Console.WriteLine($"# extended space: {region}");
                foreach (var note in session.Notes) Console.WriteLine($"# {note}");
                Console.Write(TraceRenderer.Render(va, trace.Steps, result, space.Translator.Settings));
            }
            DiagnosticsOutput.Warn(session);
            if (result.Readable) return 0;
            Console.Error.WriteLine($"memfs: error: {parse.GetValue(options.Image)}: 0x{va:X} does not translate to readable bytes (the trace on stdout says where it stops)");
            return CommandRunner.Failure;
        }));
        return command;
    }
}

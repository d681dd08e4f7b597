using System.CommandLine;
using MemFs.Translate.Paging;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs vtop</c>: how one virtual address translates, every step shown.</summary>
public static class VtopCommand
{
    public static Command Create()
    {
        var options = new TranslationOptions();
        var address = new Argument<string>("ADDRESS") { Description = "the virtual address (0x hex or decimal)" };
        var pid = new Option<long?>("--pid") { Description = "translate in this process's address space, with its VADs (finds the kernel and its symbols offline)" };
        var symbols = new Option<string[]>("--symbols") { Description = "local symbols (srv* store, .pdb folder or ISF files) for --pid; repeatable" };
        var command = new Command("vtop", "Translate a virtual address and show every step like Rekall's vtop: each table entry's " +
            "physical location and value, the decoded PTE with its fields, VAD and prototype PTE lookups, subsection → file, " +
            "pagefile number and offset, and the final location in the extended physical space, or why there is none.\n\n" +
            "Examples:\n" +
            "  memfs vtop memory.aff4 0xFFFFF80450228BC0\n" +
            "  memfs vtop memory.raw --dtb 0x1AD000 --build 19041 0x7FF6A1230000 --pagefile pagefile.sys --files /mnt/c");
        options.AddTo(command);
        command.Add(address);
        command.Add(pid);
        command.Add(symbols);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var va = NumberParser.ParseAddress(parse.GetValue(address)!, "ADDRESS");
            var trace = new TraceRecorder();
            if (parse.GetValue(pid) is { } processId)
            {
                using var system = SystemSession.Open(parse.GetValue(options.Image)!, parse.GetValue(options.Pagefiles) ?? [], parse.GetValue(options.Files),
                    parse.GetValue(options.Disk), parse.GetValue(symbols) ?? [], parse.GetValue(options.Build));
                var process = system.Process(processId);
                var translated = system.System.Translator.Translate(process.Dtb, va, system.System.Vads(process), trace);
                Console.WriteLine($"# process {process.Pid} {process.Name}, DTB 0x{process.Dtb:X}");
                foreach (var region in system.Space.Regions) Console.WriteLine($"# extended space: {region}");
                Console.Write(TraceRenderer.Render(va, trace.Steps, translated, system.System.Translator.Settings));
                return translated.Readable ? 0 : CommandRunner.Failure;
            }
            using var session = options.Open(parse);
            var result = session.Translator.Translate(session.Dtb, va, null, trace);
            foreach (var region in session.Space.Regions) Console.WriteLine($"# extended space: {region}");
            foreach (var note in session.Notes) Console.WriteLine($"# {note}");
            Console.Write(TraceRenderer.Render(va, trace.Steps, result, session.Translator.Settings));
            return result.Readable ? 0 : CommandRunner.Failure;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using MemFs.Translate.Paging;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs vads</c>: a process's VADs, like Rekall's <c>vad</c>.</summary>
internal static class VadsCommand
{
    public static Command Create()
    {
        var options = new SystemOptions();
        var pid = new Option<long>("--pid") { Description = "the process", Required = true };
        var command = new Command("vads", "List a process's virtual address descriptors: VAD address, range, kind, private or mapped, " +
            "commit, protection, prototype PTEs and the mapped file.\n\n" +
            "Examples:\n" +
            "  memfs vads memory.aff4 --pid 1234\n" +
            "  memfs vads memory.raw --pid 1234 --json");
        options.AddTo(command);
        command.Add(pid);
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            using var session = options.Open(parse);
            var process = session.Process(parse.GetValue(pid));
            var vads = session.RequireSystem().Vads(process).Vads;
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(vads.Select(v => new
                {
                    vad = Hex.Of(v.Address), start = Hex.Of(v.Start), end = Hex.Of(v.End), kind = v.Kind, @private = v.IsPrivate, committed = v.MemCommit,
                    protection = MmProtection.Name(v.Protection), firstPrototypePte = Hex.Of(v.FirstPrototypePte), file = v.FileName,
                }), new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            Console.WriteLine($"{process.Pid} {process.Name}: {vads.Count} VADs");
            Console.WriteLine($"{"VAD",-18} {"Start",-14} {"End",-14} {"Kind",-22} {"Type",-7} {"Commit",-6} {"Protection",-18} File");
            foreach (var v in vads)
                Console.WriteLine($"0x{v.Address:X16} 0x{v.Start:X12} 0x{v.End:X12} {v.Kind,-22} {(v.IsPrivate ? "Private" : "Mapped"),-7} {(v.MemCommit ? "yes" : "no"),-6} {MmProtection.Name(v.Protection),-18} {v.FileName}");
            foreach (var w in session.Diagnostics.Lines()) Console.Error.WriteLine($"warning: {w}");
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Vads;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs vads</c>: a process's VADs, like Rekall's <c>vad</c>.</summary>
internal static class VadsCommand
{
    public static Command Create()
    {
        var options = new SystemOptions();
        var pid = PidOption.Create("the process", required: true);
        var command = new Command("vads", "List a process's virtual address descriptors: VAD address, range, kind, private or mapped, " +
            "commit, protection, prototype PTEs and the mapped file.\n\n" +
            "Examples:\n" +
            "  memfs vads memory.aff4 --pid 1234\n" +
            "  memfs vads memory.raw --pid 1234 --json");
        options.AddTo(command);
        command.Add(pid);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var reference = PidOption.Value(parse, pid)!;
            using var session = options.Open(parse);
            var process = session.Process(reference);
            var vads = session.RequireSystem().Vads(process).Vads;
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(CliJson.Serialize(vads.Select(v => new VadRow(
                    Hex.Of(v.Address), Hex.Of(v.Start), Hex.Of(v.End), VadKinds.NameOf(v), VadKinds.PoolTag(v), v.IsPrivate, v.MemCommit,
                    MmProtection.Name(v.Protection), Hex.Of(v.FirstPrototypePte), v.FileName)).ToList()));
                return 0;
            }
            Console.WriteLine($"{process.Pid} {process.Name}: {vads.Count} VADs");
            Console.Write(VadTable.Render(vads));
            DiagnosticsOutput.Warn(session);
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Paging;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs handles</c>: a process's handle table, the text of its handles.txt.</summary>
internal static class HandlesCommand
{
    public static Command Create()
    {
        var options = new SystemOptions();
        var pid = PidOption.Create("the process", required: true);
        var command = new Command("handles", "List a process's handles (_EPROCESS.ObjectTable, all table levels): handle, object, " +
            "granted access, type (decoded with nt!ObHeaderCookie on Windows 10+) and the object's name where it has one.\n\n" +
            "Examples:\n" +
            "  memfs handles memory.aff4 --pid 1234\n" +
            "  memfs handles memory.raw --pid 1234 --json");
        options.AddTo(command);
        command.Add(pid);
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var reference = PidOption.Value(parse, pid)!;
            using var session = options.Open(parse);
            var process = session.Process(reference);
            var system = session.RequireSystem();
            var table = system.Handles(process);
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(CliJson.Serialize(table.Handles.Select(h => new HandleRow(Hex.Of(h.Handle), Hex.Of(h.Object), Hex.Of(h.ObjectHeader),
                    Hex.Of(h.GrantedAccess), h.TypeIndex, h.RawTypeIndex, h.TypeName, h.Name, h.NameNote)).ToList()));
                DiagnosticsOutput.Warn(session, table.Problems);
                return 0;
            }
            Console.Write(HandlesText.Render(new ProcessView(system, process, HolePolicy.None), table));
            DiagnosticsOutput.Warn(session);
            return 0;
        }));
        return command;
    }
}

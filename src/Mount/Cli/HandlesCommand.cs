using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Paging;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs handles</c>: a process's handle table, the text of its handles.txt.</summary>
internal static class HandlesCommand
{
    public static Command Create() => ProcessCommand.Create("handles", "List a process's handles (_EPROCESS.ObjectTable, all table levels): " +
        "handle, object, granted access, type (decoded with nt!ObHeaderCookie on Windows 10+) and the object's name where it has one.\n\n" +
        "Examples:\n" +
        "  memfs handles memory.aff4 --pid 1234\n" +
        "  memfs handles memory.raw --pid 1234 --json", Print);

    private static int Print(ProcessCommand.Context c)
    {
        var table = c.System.Handles(c.Process);
        if (c.Json)
        {
            Console.WriteLine(CliJson.Serialize(table.Handles.Select(h => new HandleRow(Hex.Of(h.Handle), Hex.Of(h.Object), Hex.Of(h.ObjectHeader),
                Hex.Of(h.GrantedAccess), h.TypeIndex, h.RawTypeIndex, h.TypeName, h.Name, h.NameNote)).ToList()));
            DiagnosticsOutput.Warn(c.Session, table.Problems);
            return 0;
        }
        Console.Write(HandlesText.Render(new ProcessView(c.System, c.Process, HolePolicy.None), table));
        DiagnosticsOutput.Warn(c.Session);
        return 0;
    }
}

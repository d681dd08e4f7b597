using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Vads;
using MemFs.Vfs.Producers;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs vads</c>: a process's VADs, like Rekall's <c>vad</c>.</summary>
internal static class VadsCommand
{
    public static Command Create() => ProcessCommand.Create("vads", "List a process's virtual address descriptors: VAD address, range, kind, " +
        "private or mapped, commit, protection, prototype PTEs and the mapped file.\n\n" +
        "Examples:\n" +
        "  memfs vads memory.aff4 --pid 1234\n" +
        "  memfs vads memory.raw --pid 1234 --json", Print);

    private static int Print(ProcessCommand.Context c)
    {
        var vads = c.System.Vads(c.Process).Vads;
        if (c.Json)
        {
            Console.WriteLine(CliJson.Serialize(vads.Select(v => new VadRow(
                Hex.Of(v.Address), Hex.Of(v.Start), Hex.Of(v.End), VadKinds.NameOf(v), VadKinds.PoolTag(v), v.IsPrivate, v.MemCommit,
                MmProtection.Name(v.Protection), Hex.Of(v.FirstPrototypePte), v.FileName)).ToList()));
            return 0;
        }
        Console.WriteLine($"{c.Process.Pid} {c.Process.Name}: {vads.Count} VADs");
        Console.Write(VadTable.Render(vads));
        DiagnosticsOutput.Warn(c.Session);
        return 0;
    }
}

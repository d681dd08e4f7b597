using System.CommandLine;
using MemFs.Mount.Cli.Json;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Threads;
using MemFs.Vfs.Minidump;
using MemFs.Vfs.Producers;
using MemFs.Vfs.Threads;

namespace MemFs.Mount.Cli;

/// <summary><c>memfs threads</c>: a process's threads from its ThreadListHead, the text of its threads.txt.</summary>
internal static class ThreadsCommand
{
    public static Command Create() => ProcessCommand.Create("threads", "List a process's threads (_EPROCESS.ThreadListHead): TID, state, " +
        "priority, create and exit time, start and Win32 start address as module!export+offset or the VAD they fall in, TEB, kernel " +
        "and user stack bounds, the trap frame's registers where there is one, and whether the minidump has a CONTEXT of the thread " +
        "(from a user-mode trap frame, control registers only) or why not.\n\n" +
        "Examples:\n" +
        "  memfs threads memory.aff4 --pid 1234\n" +
        "  memfs threads memory.raw --pid 1234 --json", Print);

    private static int Print(ProcessCommand.Context c)
    {
        var view = new ProcessView(c.System, c.Process, HolePolicy.None);
        var list = c.System.Threads(c.Process);
        var names = new StartAddressNames(view);
        if (c.Json)
        {
            Console.WriteLine(CliJson.Serialize(list.Threads.Select(t => Row(t, names)).ToList()));
            DiagnosticsOutput.Warn(c.Session, list.Problems);
            return 0;
        }
        Console.Write(ThreadsText.Render(view, list, names));
        DiagnosticsOutput.Warn(c.Session);
        return 0;
    }

    private static ThreadRow Row(ThreadInfo t, StartAddressNames names)
    {
        var context = TrapFrameContext.Of(t);
        return new ThreadRow(
            t.Tid, t.Pid, Hex.Of(t.Ethread), t.StateName, t.Priority, t.CreateTime, t.ExitTime,
            Hex.Of(t.StartAddress), names.Name(t.StartAddress), Hex.Of(t.Win32StartAddress), names.Name(t.Win32StartAddress), Hex.Of(t.Teb),
            Hex.Of(t.KernelStackBase), Hex.Of(t.KernelStackLimit), Hex.Of(t.InitialStack), Hex.Of(t.KernelStack),
            Hex.Of(t.UserStackBase), Hex.Of(t.UserStackLimit), Hex.Of(t.TrapFrame),
            t.Registers.ToDictionary(r => r.Name, r => Hex.Of(r.Value)), context.InDump, context.Note, t.Unread);
    }
}

using System.Text;
using MemFs.Translate.Windows.Threads;
using MemFs.Vfs.Minidump;
using MemFs.Vfs.Threads;

namespace MemFs.Vfs.Producers;

/// <summary>
/// threads.txt of a process directory and the text of <c>memfs threads</c>: one block per thread, every value naming
/// the structure member it was read from, and what could not be read with why.
/// </summary>
public static class ThreadsText
{
    public const string Sources =
        "sources: list _EPROCESS.ThreadListHead (_ETHREAD.ThreadListEntry links); TID/PID _ETHREAD.Cid; state _KTHREAD.State; " +
        "priority _KTHREAD.Priority; times _ETHREAD.CreateTime/ExitTime; start _ETHREAD.StartAddress; win32 start " +
        "_ETHREAD.Win32StartAddress; TEB _KTHREAD.Teb; kernel stack _KTHREAD.StackBase/StackLimit/InitialStack/KernelStack; " +
        "user stack _TEB.NtTib.StackBase/StackLimit; registers _KTHREAD.TrapFrame -> _KTRAP_FRAME";

    public static string Render(ProcessView view)
    {
        ThreadList list;
        try
        {
            list = view.System.Threads(view.Process);
        }
        catch (IOException e)
        {
            return $"the threads of {view.Process.Pid} {view.Process.Name} cannot be listed: {e.Message}\n";
        }
        return Render(view, list, new StartAddressNames(view));
    }

    public static string Render(ProcessView view, ThreadList list, StartAddressNames names)
    {
        var text = new StringBuilder()
            .AppendLine($"{list.Threads.Count} threads of {view.Process.Pid} {view.Process.Name} (EPROCESS 0x{view.Process.Eprocess:X})")
            .AppendLine(Sources);
        foreach (var t in list.Threads)
        {
            text.AppendLine().AppendLine($"TID {t.Tid}");
            void Field(string name, string? value) => text.AppendLine($"  {name,-16} {value ?? "(unread)"}");
            Field("ETHREAD", $"0x{t.Ethread:X}");
            Field("PID", t.Pid?.ToString());
            Field("state", t.State is { } s ? $"{t.StateName} ({s})" : null);
            Field("priority", t.Priority?.ToString());
            Field("created (UTC)", t.CreateTime?.ToString("yyyy-MM-dd HH:mm:ss.fff"));
            Field("exited (UTC)", t.ExitTime?.ToString("yyyy-MM-dd HH:mm:ss.fff") ?? "-");
            Field("start", Address(t.StartAddress, names));
            Field("win32 start", Address(t.Win32StartAddress, names));
            Field("TEB", Hex(t.Teb));
            Field("kernel stack", $"base {Hex(t.KernelStackBase)} limit {Hex(t.KernelStackLimit)} initial {Hex(t.InitialStack)} current {Hex(t.KernelStack)}");
            Field("user stack", t.UserStackBase is null ? null : $"base {Hex(t.UserStackBase)} limit {Hex(t.UserStackLimit)}");
            Field("trap frame", t.TrapFrame is { } frame && frame != 0
                ? $"0x{frame:X}{(t.Registers.Count == 0 ? "" : ": " + string.Join(' ', t.Registers.Select(r => $"{r.Name}=0x{r.Value:X}")))}"
                : t.TrapFrame is null ? null : "none");
            Field("dump context", TrapFrameContext.Of(t).Note);
            foreach (var why in t.Unread) Field("not read", why);
        }
        if (list.Problems.Count > 0)
        {
            text.AppendLine().AppendLine("problems:");
            foreach (var p in list.Problems) text.AppendLine($"  {p}");
        }
        return text.ToString();
    }

    private static string Address(ulong? address, StartAddressNames names) => address is { } a ? $"0x{a:X} {names.Name(a)}" : "(unread)";

    private static string Hex(ulong? value) => value is { } v ? $"0x{v:X}" : "?";
}

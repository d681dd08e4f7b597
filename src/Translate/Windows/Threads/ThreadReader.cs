using MemFs.Translate.Windows.Layouts;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Translate.Windows.Threads;

/// <summary>
/// Reads one _ETHREAD (kernel memory) and, when the process's memory is given, the stack bounds in its TEB
/// (user memory). Every member is read on its own, so one unreadable member leaves the rest of the record intact.
/// </summary>
internal sealed class ThreadReader(KernelStructReader kernel, KernelStructReader? user, ThreadLayout layout)
{
    public ThreadInfo? Read(ulong ethread, out string? problem)
    {
        if (!kernel.TryU64(ethread + (ulong)(layout.Cid + layout.UniqueThread), out var tid))
        {
            problem = $"ETHREAD 0x{ethread:X}: _ETHREAD.Cid.UniqueThread at +0x{layout.Cid + layout.UniqueThread:X} cannot be read";
            return null;
        }
        problem = null;
        var unread = new List<string>();
        ulong? U64(int? offset, string member)
        {
            if (offset is null) { unread.Add($"{member}: not in the profile"); return null; }
            if (kernel.TryU64(ethread + (ulong)offset.Value, out var v)) return v;
            unread.Add($"{member}: ETHREAD+0x{offset:X} cannot be read");
            return null;
        }
        byte? U8(int? offset, string member)
        {
            if (offset is null) { unread.Add($"{member}: not in the profile"); return null; }
            if (kernel.TryU8(ethread + (ulong)offset.Value, out var v)) return v;
            unread.Add($"{member}: ETHREAD+0x{offset:X} cannot be read");
            return null;
        }
        var pid = U64(layout.Cid, "_ETHREAD.Cid.UniqueProcess");
        var teb = U64(layout.Teb, "_KTHREAD.Teb");
        var trapFrame = U64(layout.TrapFrame, "_KTHREAD.TrapFrame");
        var thread = new ThreadInfo(ethread, (long)tid, (long?)pid, U8(layout.State, "_KTHREAD.State"), (sbyte?)U8(layout.Priority, "_KTHREAD.Priority"),
            ProcessReader.FileTime(U64(layout.CreateTime, "_ETHREAD.CreateTime")), ProcessReader.FileTime(U64(layout.ExitTime, "_ETHREAD.ExitTime")),
            U64(layout.StartAddress, "_ETHREAD.StartAddress"), U64(layout.Win32StartAddress, "_ETHREAD.Win32StartAddress"), teb,
            U64(layout.StackBase, "_KTHREAD.StackBase"), U64(layout.StackLimit, "_KTHREAD.StackLimit"),
            U64(layout.InitialStack, "_KTHREAD.InitialStack"), U64(layout.KernelStack, "_KTHREAD.KernelStack"), trapFrame);
        var (stackBase, stackLimit) = UserStack(teb, unread);
        return thread with { UserStackBase = stackBase, UserStackLimit = stackLimit, Registers = Registers(trapFrame, unread), Unread = unread };
    }

    private (ulong?, ulong?) UserStack(ulong? teb, List<string> unread)
    {
        if (teb is not { } address || address == 0)
        {
            unread.Add("user stack: the thread has no TEB (a system thread)");
            return (null, null);
        }
        if (user is null || layout.TibStackBase is not { } baseOffset || layout.TibStackLimit is not { } limitOffset)
        {
            unread.Add(user is null ? "user stack: the process's memory is not available" : "user stack: _NT_TIB.StackBase/StackLimit are not in the profile");
            return (null, null);
        }
        if (user.TryU64(address + (ulong)baseOffset, out var stackBase) && user.TryU64(address + (ulong)limitOffset, out var stackLimit))
            return (stackBase, stackLimit);
        unread.Add($"user stack: _TEB.NtTib at 0x{address:X} cannot be read (page not resident)");
        return (null, null);
    }

    private IReadOnlyList<RegisterValue> Registers(ulong? trapFrame, List<string> unread)
    {
        if (trapFrame is not { } frame || frame == 0)
        {
            unread.Add("registers: no trap frame (_KTHREAD.TrapFrame is null: the thread did not enter the kernel from user mode)");
            return [];
        }
        var registers = new List<RegisterValue>();
        foreach (var (name, offset) in layout.TrapFrameRegisters)
            if (kernel.TryU64(frame + (ulong)offset, out var value))
                registers.Add(new RegisterValue(name, name is "SegCs" or "SegSs" ? value & 0xFFFF : name == "EFlags" ? value & 0xFFFF_FFFF : value));
        if (registers.Count == 0) unread.Add($"registers: the trap frame at 0x{frame:X} cannot be read");
        return registers;
    }
}

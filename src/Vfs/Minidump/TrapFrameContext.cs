using MemFs.Translate.Windows.Threads;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// A thread's minidump CONTEXT from its _KTRAP_FRAME, when that frame was pushed on entry from user mode (the RPL of
/// the saved SegCs is 3): its Rip, Rsp, EFlags, SegCs and SegSs are the user-mode state the thread will resume at.
/// Only CONTEXT_CONTROL is claimed: an x64 _KTRAP_FRAME never holds R12–R15 (and holds Rbx, Rsi, Rdi only in
/// system-service frames), so CONTEXT_INTEGER would present registers that were not saved as zeros.
/// A kernel-mode frame (a nested trap inside the kernel) holds kernel state and gives no user-mode context.
/// </summary>
public static class TrapFrameContext
{
    private static readonly string[] ControlRegisters = ["Rip", "Rsp", "EFlags", "SegCs", "SegSs"];

    public static ThreadContext Of(ThreadInfo thread)
    {
        if (thread.TrapFrame is not { } frame) return ThreadContext.None("_KTHREAD.TrapFrame could not be read");
        if (frame == 0) return ThreadContext.None("no trap frame (_KTHREAD.TrapFrame is null: the thread did not enter the kernel from user mode)");
        var registers = thread.Registers.ToDictionary(r => r.Name, r => r.Value);
        var missing = ControlRegisters.Where(r => !registers.ContainsKey(r)).ToArray();
        if (missing.Length > 0)
            return ThreadContext.None($"the _KTRAP_FRAME at 0x{frame:X} lacks {string.Join(", ", missing)} (not in the profile or not readable)");
        var segCs = registers["SegCs"];
        if ((segCs & 3) != 3)
            return ThreadContext.None($"the _KTRAP_FRAME at 0x{frame:X} is a kernel-mode frame (SegCs 0x{segCs:X}, privilege level {segCs & 3}): it holds no user-mode registers");
        var bytes = Amd64Context.ControlOnly((ushort)segCs, (ushort)registers["SegSs"], (uint)registers["EFlags"], registers["Rsp"], registers["Rip"]);
        return new ThreadContext(bytes,
            $"_KTRAP_FRAME at 0x{frame:X}, control registers only (Rip, Rsp, EFlags, SegCs, SegSs; ContextFlags 0x{Amd64Context.Amd64 | Amd64Context.Control:X})");
    }
}

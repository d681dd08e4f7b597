namespace MemFs.Translate.Windows.Threads;

/// <summary>
/// One thread as its _ETHREAD/_KTHREAD say, with what a minidump ThreadList needs (TID, TEB, user stack bounds from
/// the TEB's _NT_TIB, the trap frame's registers). A null member could not be read: <see cref="Unread"/> says why.
/// </summary>
public sealed record ThreadInfo(
    ulong Ethread,
    long Tid,
    long? Pid,
    byte? State,
    sbyte? Priority,
    DateTime? CreateTime,
    DateTime? ExitTime,
    ulong? StartAddress,
    ulong? Win32StartAddress,
    ulong? Teb,
    ulong? KernelStackBase,
    ulong? KernelStackLimit,
    ulong? InitialStack,
    ulong? KernelStack,
    ulong? TrapFrame)
{
    /// <summary>_NT_TIB.StackBase of the TEB (user memory), the top of the user stack.</summary>
    public ulong? UserStackBase { get; init; }

    /// <summary>_NT_TIB.StackLimit of the TEB, the lowest committed address of the user stack.</summary>
    public ulong? UserStackLimit { get; init; }

    /// <summary>The _KTRAP_FRAME registers that were read; a minidump CONTEXT knows only these (and says so).</summary>
    public IReadOnlyList<RegisterValue> Registers { get; init; } = [];

    /// <summary>Each member that could not be read, with why ("TEB: the TEB page is not resident").</summary>
    public IReadOnlyList<string> Unread { get; init; } = [];

    public string StateName => State is { } s ? ThreadStates.Name(s) : "?";
}

using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The thread structures MemFs reads: _EPROCESS.ThreadListHead, _ETHREAD (its _KTHREAD Tcb is at +0 on every x64
/// build), _CLIENT_ID, the user stack bounds in the TEB's _NT_TIB (at _TEB+0) and the _KTRAP_FRAME registers the
/// profile has. The list, Cid and Teb are required; a missing optional member is left unread and named as such.
/// </summary>
internal sealed record ThreadLayout(
    int ThreadListHead,
    int ThreadListEntry,
    int Cid,
    int UniqueThread,
    int Teb,
    int? CreateTime,
    int? ExitTime,
    int? StartAddress,
    int? Win32StartAddress,
    int? StackBase,
    int? StackLimit,
    int? InitialStack,
    int? KernelStack,
    int? State,
    int? Priority,
    int? TrapFrame,
    int? TibStackBase,
    int? TibStackLimit,
    IReadOnlyList<(string Register, int Offset)> TrapFrameRegisters)
{
    /// <summary>The _KTRAP_FRAME members a thread record carries, in the order a CONTEXT lists them.</summary>
    public static readonly IReadOnlyList<string> Registers = ["Rax", "Rcx", "Rdx", "R8", "R9", "R10", "R11", "Rbp", "Rsp", "Rip", "EFlags", "SegCs", "SegSs"];

    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    public static ThreadLayout From(KernelProfile profile)
    {
        var f = new FieldResolver(profile, "_ETHREAD");
        var registers = Registers.Select(r => (r, f.OptionalOffset($"_KTRAP_FRAME.{r}"))).Where(r => r.Item2 is not null)
            .Select(r => (r.r, r.Item2!.Value)).ToList();
        var layout = new ThreadLayout(
            f.Offset("_EPROCESS.ThreadListHead"),
            f.Offset("_ETHREAD.ThreadListEntry"),
            f.Offset("_ETHREAD.Cid"),
            f.Offset("_CLIENT_ID.UniqueThread"),
            f.Offset("_KTHREAD.Teb"),
            f.OptionalOffset("_ETHREAD.CreateTime"),
            f.OptionalOffset("_ETHREAD.ExitTime"),
            f.OptionalOffset("_ETHREAD.StartAddress"),
            f.OptionalOffset("_ETHREAD.Win32StartAddress"),
            f.OptionalOffset("_KTHREAD.StackBase"),
            f.OptionalOffset("_KTHREAD.StackLimit"),
            f.OptionalOffset("_KTHREAD.InitialStack"),
            f.OptionalOffset("_KTHREAD.KernelStack"),
            f.OptionalOffset("_KTHREAD.State"),
            f.OptionalOffset("_KTHREAD.Priority"),
            f.OptionalOffset("_KTHREAD.TrapFrame"),
            f.OptionalOffset("_NT_TIB.StackBase"),
            f.OptionalOffset("_NT_TIB.StackLimit"),
            registers);
        f.ThrowIfMissing();
        return layout with { Provenance = f.Provenance };
    }
}

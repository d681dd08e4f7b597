namespace MemFs.Vfs.Minidump;

/// <summary>
/// A thread as the dump lists it: its id, TEB, stack [StackLimit, StackBase) from the TEB's NT_TIB, and a CONTEXT
/// record when a trap frame or saved context gives one (<see cref="ContextSource"/> says which; null when none).
/// </summary>
public sealed record MinidumpThread(uint ThreadId, ulong Teb, ulong StackLimit, ulong StackBase, byte[]? Context = null, string? ContextSource = null)
{
    /// <summary>An AMD64 CONTEXT is 0x4D0 bytes; a larger record is not a context.</summary>
    public const int MaxContextBytes = 0x4D0;
}

namespace MemFs.Tests.Translate.Windows.Objects;

/// <summary>The truth of one synthetic thread: what <see cref="TestThreads"/> wrote at the profile's offsets.</summary>
internal sealed record BuiltThread(
    ulong Ethread, long Tid, long Pid, byte State, sbyte Priority, DateTime Created, DateTime? Exited, ulong StartAddress,
    ulong Win32StartAddress, ulong Teb, ulong KernelStackBase, ulong KernelStackLimit, ulong UserStackBase, ulong UserStackLimit,
    ulong TrapFrame, IReadOnlyDictionary<string, ulong> Registers);

namespace MemFs.Mount.Cli.Json;

/// <summary>One thread of <c>memfs threads --json</c>; addresses are hex strings, a null value could not be read (see unread);
/// minidumpContextSource says where the minidump's CONTEXT of the thread comes from, or why it has none.</summary>
internal sealed record ThreadRow(
    long Tid, long? Pid, string Ethread, string State, int? Priority, DateTime? Created, DateTime? Exited,
    string? StartAddress, string StartSymbol, string? Win32StartAddress, string Win32StartSymbol, string? Teb,
    string? KernelStackBase, string? KernelStackLimit, string? InitialStack, string? KernelStack, string? UserStackBase, string? UserStackLimit,
    string? TrapFrame, IReadOnlyDictionary<string, string> Registers, bool MinidumpContext, string MinidumpContextSource,
    IReadOnlyList<string> Unread);

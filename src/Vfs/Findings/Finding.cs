namespace MemFs.Vfs.Findings;

/// <summary>
/// One thing in a process that deserves a look: its kind, the process, the virtual range [<see cref="Start"/>,
/// <see cref="End"/>] (inclusive, as VADs state it), the module or file concerned, why it is a finding (one sentence),
/// and the file to open next, relative to the root of the tree.
/// </summary>
public sealed record Finding(string Kind, long Pid, string Process, ulong Start, ulong End, string? Module, string Why, string Next);

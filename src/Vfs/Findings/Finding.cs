using MemFs.Translate.Windows.Objects;

namespace MemFs.Vfs.Findings;

/// <summary>
/// One thing in a process that deserves a look: its kind, the process, the virtual range [<see cref="Start"/>,
/// <see cref="End"/>] (inclusive, as VADs state it), the module or file concerned, why it is a finding (one sentence),
/// and the file to open next, relative to the root of the tree. Findings about a loader entry or image VAD carry the
/// PEB_LDR_DATA lists that name the module (<see cref="Lists"/>); others carry null.
/// </summary>
public sealed record Finding(string Kind, long Pid, string Process, ulong Start, ulong End, string? Module, string Why, string Next,
    LoaderListMembership? Lists = null);

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// Every DTB candidate in the order the rules produced them, the first validated one, and the kernel entry
/// point the low stub names (LmTarget, a kernel-base hint) when a low stub was found.
/// </summary>
public sealed record DtbSearch(IReadOnlyList<DtbCandidate> Candidates, DtbCandidate? Chosen, ulong? KernelEntryHint);

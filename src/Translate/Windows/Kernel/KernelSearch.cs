namespace MemFs.Translate.Windows.Kernel;

/// <summary>The kernel-base candidates in the order they were tried, the first validated one, and why the search stopped early.</summary>
public sealed record KernelSearch(IReadOnlyList<KernelCandidate> Candidates, KernelCandidate? Chosen, string? Problem = null);

namespace MemFs.Translate.Windows.Symbols.Heuristics;

/// <summary>
/// The EPROCESS offsets the heuristics could validate (source "heuristics"), the System EPROCESS they started from
/// and how it was found, how far the process list was walked and whether it closed back at its head.
/// </summary>
public sealed record EprocessHeuristicsResult(
    KernelProfile Profile,
    ulong? SystemProcess,
    string? SystemFoundBy,
    int ProcessesWalked,
    bool ListClosed,
    IReadOnlyList<string> Warnings);

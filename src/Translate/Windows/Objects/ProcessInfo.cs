namespace MemFs.Translate.Windows.Objects;

/// <summary>One process as its EPROCESS describes it. Fields the image could not supply are null.</summary>
public sealed record ProcessInfo(
    ulong Eprocess,
    long Pid,
    long? ParentPid,
    string Name,
    ulong Dtb,
    ulong? UserDtb,
    ulong? Peb,
    DateTime? CreateTime,
    DateTime? ExitTime,
    bool InActiveList,
    ulong? Wow64)
{
    /// <summary>Full image path and command line from the PEB's process parameters, when readable.</summary>
    public string? ImagePath { get; init; }
    public string? CommandLine { get; init; }

    /// <summary>How the process was found: on the active list (ActiveProcessLinks) or only by the EPROCESS scan (terminated or hidden).</summary>
    public string FoundBy => InActiveList ? "active list" : "EPROCESS scan";
}

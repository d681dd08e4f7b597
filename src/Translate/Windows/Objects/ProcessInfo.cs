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

    /// <summary>How the process was found: "ActiveProcessLinks" or "EPROCESS scan (not in the active list)".</summary>
    public string FoundBy => InActiveList ? "ActiveProcessLinks" : "EPROCESS scan (not in the active list: terminated or hidden)";
}

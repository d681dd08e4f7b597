namespace MemFs.Translate.Windows;

/// <summary>
/// A _SUBSECTION and what its _CONTROL_AREA says about the file behind it (translation.md §3.4).
/// <see cref="FileName"/> is null for a pagefile-backed section.
/// </summary>
public sealed record SubsectionInfo(
    ulong Address,
    ulong ControlArea,
    ulong SubsectionBase,
    uint PtesInSubsection,
    ulong StartingSector,
    bool IsImage,
    bool IsFile,
    string? FileName)
{
    /// <summary>StartingSector counts 512-byte sectors for image sections and 4 KiB pages for data files (§3.4, §10.1).</summary>
    public long SectorUnit => IsImage ? 512 : 4096;

    public bool Holds(ulong prototypePte) => prototypePte >= SubsectionBase && prototypePte - SubsectionBase < PtesInSubsection * 8UL;
}

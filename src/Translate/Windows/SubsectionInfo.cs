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
    string? FileName,
    ulong? FileDataBytes = null)
{
    /// <summary>StartingSector counts 512-byte sectors for image sections and 4 KiB pages for data files (§3.4, §10.1).</summary>
    public long SectorUnit => IsImage ? 512 : 4096;

    /// <summary>
    /// How many bytes of the file an image subsection maps (NumberOfFullSectors × 512 + SectorEndOffset); the rest of
    /// its last page is zeros and pages past it are demand zero (translation.md §3.4). Null when the subsection does
    /// not say (both fields zero, or a data file).
    /// </summary>
    public bool Holds(ulong prototypePte) => prototypePte >= SubsectionBase && prototypePte - SubsectionBase < PtesInSubsection * 8UL;
}

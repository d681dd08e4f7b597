namespace MemFs.Translate.Windows;

/// <summary>
/// A _SUBSECTION and what its _CONTROL_AREA says about the file behind it. <see cref="FileName"/> is null for a
/// pagefile-backed section. <see cref="FileDataBytes"/> is how many bytes of the file an image subsection maps
/// (NumberOfFullSectors × 512 + _MMSUBSECTION_FLAGS.SectorEndOffset); the rest of its last page is zeros and pages
/// past it are demand zero. Null when the subsection does not say (both fields zero, or a data file).
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
    /// <summary>
    /// StartingSector counts 512-byte sectors for image sections and 4 KiB pages for data files (as Volatility 3 reads
    /// it since PR #1292; Rekall always uses 512).
    /// </summary>
    public long SectorUnit => IsImage ? 512 : 4096;

    /// <summary>Whether the prototype PTE lies in this subsection's array (SubsectionBase, PtesInSubsection entries).</summary>
    public bool Holds(ulong prototypePte) => prototypePte >= SubsectionBase && prototypePte - SubsectionBase < PtesInSubsection * 8UL;
}

namespace MemFs.Translate.Windows;

/// <summary>Offsets of _SUBSECTION, _CONTROL_AREA and _FILE_OBJECT fields (x64, translation.md §9).</summary>
public sealed record SectionObjectLayout(
    string Name,
    int SubsectionBase,
    int NextSubsection,
    int SubsectionFlags,
    int StartingSector,
    int PtesInSubsection,
    int ControlAreaFlags,
    int ControlAreaFilePointer,
    int ControlAreaSize,
    int FileObjectFileName,
    int NumberOfFullSectors)
{
    public const int ImageFlagBit = 5;
    public const int FileFlagBit = 7;

    /// <summary>Windows 7 SP1 x64 (7601).</summary>
    public static readonly SectionObjectLayout Windows7 = new("Windows 7 SP1 x64", 0x08, 0x10, 0x28, 0x2C, 0x18, 0x38, 0x40, 0x80, 0x58, 0x30);

    /// <summary>Windows 10 x64 (checked for 1607 … 22H2; 24H2 unchanged for these fields).</summary>
    public static readonly SectionObjectLayout Windows10 = new("Windows 10/11 x64", 0x08, 0x10, 0x20, 0x24, 0x2C, 0x38, 0x40, 0x80, 0x58, 0x28);

    /// <summary>Windows 8.x is not covered by the public headers; its layout is assumed to be Windows 10's.</summary>
    public static SectionObjectLayout ForBuild(uint build) => build < 9200 ? Windows7 : Windows10;
}

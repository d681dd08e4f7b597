using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// Offsets of the _SUBSECTION, _CONTROL_AREA and _FILE_OBJECT members behind file-backed prototype PTEs and mapped
/// VADs (x64). Resolved in one place: each field from the profile when it has it, else from the
/// per-build table; <see cref="Provenance"/> says which for every field.
/// </summary>
internal sealed record SectionObjectLayout(
    int SubsectionControlArea,
    int SubsectionBase,
    int NextSubsection,
    int SubsectionFlags,
    int StartingSector,
    int PtesInSubsection,
    int NumberOfFullSectors,
    int ControlAreaFlags,
    int ControlAreaFilePointer,
    int ControlAreaSize,
    int FileObjectFileName,
    int ImageFlagBit,
    int FileFlagBit)
{
    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    /// <summary>The sources of the fields, e.g. "ISF … + build table (Windows 10/11 x64)".</summary>
    public string Sources => string.Join(" + ", Provenance.Select(p => p.Source).Distinct());

    /// <summary>The bytes of a _SUBSECTION read at once: up to the end of the last member read.</summary>
    public int SubsectionReadSize => new[]
    {
        SubsectionControlArea + 8, SubsectionBase + 8, NextSubsection + 8, SubsectionFlags + 4, StartingSector + 4, PtesInSubsection + 4,
        NumberOfFullSectors + 4,
    }.Max();

    /// <summary>Every field from the profile where it has it, else from the table row of <paramref name="fallbackBuild"/>.</summary>
    public static SectionObjectLayout From(KernelProfile profile, uint fallbackBuild) => Resolve(profile, SectionBuildTable.For(fallbackBuild));

    /// <summary>The table row alone, for translation without a kernel profile.</summary>
    public static SectionObjectLayout FromBuildTable(uint build) =>
        Resolve(new KernelProfile(null, build).Freeze(), SectionBuildTable.For(build));

    private static SectionObjectLayout Resolve(KernelProfile profile, SectionBuildTable.Row row)
    {
        var f = new FieldResolver(profile, "section object");
        var table = row.Layout;
        int Offset(string name, int fromTable) => f.OptionalOffset(name) ?? f.Record(name, fromTable, row.Source);
        int Bit(string name, int fromTable) => f.OptionalBits(name)?.Position ?? f.Record(name, fromTable, row.Source);
        var layout = new SectionObjectLayout(
            Offset("_SUBSECTION.ControlArea", table.SubsectionControlArea),
            Offset("_SUBSECTION.SubsectionBase", table.SubsectionBase),
            Offset("_SUBSECTION.NextSubsection", table.NextSubsection),
            Offset("_SUBSECTION.u", table.SubsectionFlags),
            Offset("_SUBSECTION.StartingSector", table.StartingSector),
            Offset("_SUBSECTION.PtesInSubsection", table.PtesInSubsection),
            // Not among the names the symbol sources fill (KernelFields): always the table's.
            f.Record("_SUBSECTION.NumberOfFullSectors", table.NumberOfFullSectors, row.Source),
            Offset("_CONTROL_AREA.u", table.ControlAreaFlags),
            Offset("_CONTROL_AREA.FilePointer", table.ControlAreaFilePointer),
            f.OptionalSize("_CONTROL_AREA") ?? f.Record("sizeof(_CONTROL_AREA)", table.ControlAreaSize, row.Source),
            Offset("_FILE_OBJECT.FileName", table.FileObjectFileName),
            Bit("_MMSECTION_FLAGS.Image", table.ImageFlagBit),
            Bit("_MMSECTION_FLAGS.File", table.FileFlagBit));
        if (layout.ControlAreaFlags + 4 > layout.ControlAreaSize || layout.ControlAreaFilePointer + 8 > layout.ControlAreaSize)
            f.Missing($"_CONTROL_AREA.u/FilePointer inside sizeof(_CONTROL_AREA) 0x{layout.ControlAreaSize:X}", 0);
        f.ThrowIfMissing();
        return layout with { Provenance = f.Provenance };
    }
}

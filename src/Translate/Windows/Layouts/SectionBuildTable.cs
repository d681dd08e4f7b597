namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The section-object offsets per build (x64, from the kernels' public PDBs), for fields the profile lacks (a
/// heuristics profile, or raw translation without a kernel). Only <see cref="SectionObjectLayout"/> reads this table.
/// _SUBSECTION.ControlArea is the first member on every build; _MMSECTION_FLAGS (in _CONTROL_AREA.u) has Image at bit 5
/// and File at bit 7 on every x64 build.
/// </summary>
internal static class SectionBuildTable
{
    public sealed record Row(string Name, SectionObjectLayout Layout)
    {
        public string Source => $"build table ({Name})";
    }

    /// <summary>Windows 7 SP1 x64 (7601).</summary>
    public static readonly Row Windows7 = new("Windows 7 SP1 x64", new SectionObjectLayout(0, 0x08, 0x10, 0x28, 0x2C, 0x18, 0x30, 0x38, 0x40, 0x80, 0x58, 5, 7));

    /// <summary>Windows 10 x64 (checked for 1607 … 22H2; 24H2 unchanged for these fields).</summary>
    public static readonly Row Windows10 = new("Windows 10/11 x64", new SectionObjectLayout(0, 0x08, 0x10, 0x20, 0x24, 0x2C, 0x28, 0x38, 0x40, 0x80, 0x58, 5, 7));

    /// <summary>Windows 8.x is not covered by the public headers; its layout is assumed to be Windows 10's.</summary>
    public static Row For(uint build) => build < 9200 ? Windows7 : Windows10;
}

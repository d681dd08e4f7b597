namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// Maps a kernel's NtBuildNumber to the base build whose structure layouts it uses. Enablement
/// packages report a higher build number but run the base kernel (file version 10.0.&lt;base&gt;.x).
/// </summary>
internal static class BuildFamilies
{
    /// <summary>The build number without the free/checked flag nibble (0xF0000000 on free builds).</summary>
    public static uint BuildOf(uint ntBuildNumber) => ntBuildNumber & 0xFFFF;

    public static uint FamilyOf(uint ntBuildNumber) => BuildOf(ntBuildNumber) switch
    {
        18363 => 18362,
        >= 19042 and <= 19045 => 19041,
        22631 => 22621,
        26200 => 26100,
        var build => build,
    };

    /// <summary>
    /// NT 6.1 (Windows 7), NT 6.2/6.3 (Windows 8/8.1) and NT 10: EPROCESS and VAD layouts change wholesale between
    /// them, so a nearest-lower family is only looked for within one generation.
    /// </summary>
    public static int GenerationOf(uint build) => build switch
    {
        < 9200 => 61,
        < 10240 => 63,
        _ => 100,
    };
}

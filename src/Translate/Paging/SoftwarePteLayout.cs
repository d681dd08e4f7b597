namespace MemFs.Translate.Paging;

/// <summary>
/// Where a Windows x64 kernel keeps the fields of its non-present PTEs (_MMPTE_SOFTWARE, _MMPTE_TRANSITION,
/// _MMPTE_PROTOTYPE as the kernel PDBs define them). The layout is a
/// property of the kernel binary; the build number only selects it when no symbols say otherwise.
/// </summary>
public sealed record SoftwarePteLayout(
    string Name,
    int PageFileLowShift,
    int PrototypeProtectionShift,
    bool HasSwizzleBit,
    ulong TransitionFrameMask)
{
    /// <summary>Bits 12..47: the transition PFN before Windows 11 24H2.</summary>
    public const ulong Frame48 = 0x0000_FFFF_FFFF_F000;

    /// <summary>Bits 12..51: hardware frames, and transition frames from 24H2 on.</summary>
    public const ulong Frame52 = 0x000F_FFFF_FFFF_F000;

    /// <summary>Windows 7 SP1 up to Windows 10 1803 RTM: PageFileLow in bits 1–4, prototype Protection in 11–15, no swizzling.</summary>
    public static readonly SoftwarePteLayout Windows7 = new("Windows 7 … 10 1803 (PageFileLow bits 1-4)", 1, 11, false, Frame48);

    /// <summary>Windows 10 1809 (17763) up to 23H2: PageFileLow in bits 12–15, prototype Protection in 5–9, SwizzleBit 4.</summary>
    public static readonly SoftwarePteLayout Windows10_1809 = new("Windows 10 1809 … 11 23H2 (PageFileLow bits 12-15, swizzled)", 12, 5, true, Frame48);

    /// <summary>Windows 11 24H2 (26100) and later: as 1809 with 40-bit frame numbers.</summary>
    public static readonly SoftwarePteLayout Windows11_24H2 = new("Windows 11 24H2+ (PageFileLow bits 12-15, swizzled, 40-bit PFN)", 12, 5, true, Frame52);

    public static IReadOnlyList<SoftwarePteLayout> All => [Windows7, Windows10_1809, Windows11_24H2];

    /// <summary>
    /// The layout for a build number, and why. 17134 (1803) is ambiguous: its RTM kernel kept the old layout,
    /// a later update moved PageFileLow; MemProcFS uses the new one from 17134 on, and so do we, saying so.
    /// </summary>
    public static (SoftwarePteLayout Layout, string Reason) ForBuild(uint build) => build switch
    {
        >= 26100 => (Windows11_24H2, $"build {build} >= 26100 (24H2)"),
        >= 17763 => (Windows10_1809, $"build {build} >= 17763 (1809)"),
        17134 => (Windows10_1809, "build 17134 (1803) is ambiguous: its RTM kernel used PageFileLow bits 1-4, later updates 12-15; assuming 12-15 (MemProcFS's choice) — give --pte-layout to override"),
        _ => (Windows7, $"build {build} < 17134"),
    };

    public static SoftwarePteLayout? ByKey(string key) => key.ToLowerInvariant() switch
    {
        "win7" or "windows7" or "legacy" => Windows7,
        "win10" or "1809" or "windows10" => Windows10_1809,
        "24h2" or "win11-24h2" => Windows11_24H2,
        _ => null,
    };

    public int PageFileNumber(ulong value) => (int)((value >> PageFileLowShift) & 0xF);

    public int PrototypeProtection(ulong value) => (int)((value >> PrototypeProtectionShift) & 0x1F);
}

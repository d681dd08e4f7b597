namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// Hand-curated offsets for the Windows 11 builds the JPCERT ISFs behind the embedded pack do not cover: FROM PUBLIC
/// HEADERS, NOT FROM A PDB. Every value was read from the ntdiff/headers C headers (generated from Microsoft's
/// public PDBs of the RTM kernel of each release); offsets are facts, no header text is copied. Kernels with a
/// PDB/ISF, or of a later cumulative update that moved a field, must be checked against those.
/// <list type="bullet">
/// <item>22621 (Windows 11 22H2; 23H2 = 22631 runs the same kernel): ntdiff/headers @5dcfad1295f647f8483ef89f5569d3348d74bcfa,
/// Win11_2209_22H2/x64/System32/ntoskrnl.exe/Standalone/_EPROCESS.h (_KPROCESS, _EPROCESS) and ALL_SORTED.h (_MMVAD_SHORT,
/// _MMVAD, _MMVAD_FLAGS, _MMVAD_FLAGS1, _MI_SYSTEM_INFORMATION, _MI_HARDWARE_STATE, _PEB).</item>
/// <item>26100 (Windows 11 24H2; 25H2 = 26200 runs the same kernel): ntdiff/headers @ebe89c140e89b475005cd8696597ddf7406dfb8a,
/// Win11_2409_24H2/x64/System32/ntoskrnl.exe/Standalone/_EPROCESS.h (_KPROCESS, _EPROCESS) and ALL_SORTED.h (_MMVAD_SHORT,
/// _MMVAD, _MMVAD_FLAGS, _MM_PRIVATE_VAD_FLAGS, _SUBSECTION, _CONTROL_AREA, _MMSECTION_FLAGS, _MI_SYSTEM_INFORMATION,
/// _MI_HARDWARE_STATE, _MMPTE_TRANSITION).</item>
/// </list>
/// 24H2 differences the layouts handle: EPROCESS shrank (KPROCESS is 0x1C8 bytes, was 0x438), _MMVAD_SHORT.u1
/// (_MMVAD_FLAGS1) became the plain u32 CommitCharge at +0x34 with MemCommit moved to bit 25 of the private-VAD flag view,
/// _SUBSECTION's flags member is named SubsectionFlags (same +0x20), and the transition PFN is 40 bits wide
/// (SoftwarePteLayout.Windows11_24H2).
/// </summary>
internal static class PublicHeaderFamilies
{
    /// <summary>Structures whose x64 layout is the same in every embedded family 7601…22000 (PEB, loader entries, process parameters, FILE_OBJECT.FileName).</summary>
    private const string StableX64 = "not read from this release's headers: the same in every embedded JPCERT family 7601-22000";

    private const string SameIn22000And24H2 = "not read from the 22H2 headers: the same in the 22000 ISF family and the 24H2 headers";

    /// <summary>_EPROCESS members of 22H2 (KPROCESS 0x438 bytes, as in 19041 and 22000).</summary>
    private static readonly Dictionary<string, int> Eprocess22H2 = new(StringComparer.Ordinal)
    {
        ["UniqueProcessId"] = 0x440, ["ActiveProcessLinks"] = 0x448, ["CreateTime"] = 0x468, ["SectionBaseAddress"] = 0x520,
        ["InheritedFromUniqueProcessId"] = 0x540, ["Peb"] = 0x550, ["ObjectTable"] = 0x570, ["WoW64Process"] = 0x580,
        ["ImageFilePointer"] = 0x5A0, ["ImageFileName"] = 0x5A8, ["SeAuditProcessCreationInfo"] = 0x5C0, ["ThreadListHead"] = 0x5E0,
        ["ActiveThreads"] = 0x5F0, ["ExitStatus"] = 0x7D4, ["VadRoot"] = 0x7D8, ["VadCount"] = 0x7E8, ["ExitTime"] = 0x840,
    };

    /// <summary>_EPROCESS members of 24H2 (KPROCESS shrank to 0x1C8 bytes, so everything after it moved).</summary>
    private static readonly Dictionary<string, int> Eprocess24H2 = new(StringComparer.Ordinal)
    {
        ["UniqueProcessId"] = 0x1D0, ["ActiveProcessLinks"] = 0x1D8, ["CreateTime"] = 0x1F8, ["SectionBaseAddress"] = 0x2B0,
        ["InheritedFromUniqueProcessId"] = 0x2D0, ["Peb"] = 0x2E0, ["ObjectTable"] = 0x300, ["WoW64Process"] = 0x310,
        ["ImageFilePointer"] = 0x330, ["ImageFileName"] = 0x338, ["SeAuditProcessCreationInfo"] = 0x350, ["ThreadListHead"] = 0x370,
        ["ActiveThreads"] = 0x380, ["ExitStatus"] = 0x554, ["VadRoot"] = 0x558, ["VadCount"] = 0x568, ["ExitTime"] = 0x5C0,
    };

    /// <summary>_MMVAD_FLAGS (u32 at _MMVAD_SHORT.u): the same positions in 22000, 22H2 and 24H2.</summary>
    private static readonly Dictionary<string, BitField> VadFlags = new(StringComparer.Ordinal)
    {
        ["_MMVAD_FLAGS.VadType"] = new(4, 3), ["_MMVAD_FLAGS.Protection"] = new(7, 5), ["_MMVAD_FLAGS.PrivateMemory"] = new(21, 1),
    };

    private static readonly string[] StableNames =
    [
        "_FILE_OBJECT.FileName", "_PEB_LDR_DATA.InLoadOrderModuleList",
        "_LDR_DATA_TABLE_ENTRY.InLoadOrderLinks", "_LDR_DATA_TABLE_ENTRY.DllBase", "_LDR_DATA_TABLE_ENTRY.SizeOfImage",
        "_LDR_DATA_TABLE_ENTRY.FullDllName", "_LDR_DATA_TABLE_ENTRY.BaseDllName",
        "_KLDR_DATA_TABLE_ENTRY.InLoadOrderLinks", "_KLDR_DATA_TABLE_ENTRY.DllBase", "_KLDR_DATA_TABLE_ENTRY.SizeOfImage",
        "_KLDR_DATA_TABLE_ENTRY.FullDllName", "_KLDR_DATA_TABLE_ENTRY.BaseDllName",
        "_RTL_USER_PROCESS_PARAMETERS.ImagePathName", "_RTL_USER_PROCESS_PARAMETERS.CommandLine",
    ];

    private static readonly string[] SectionNames =
    [
        "_SUBSECTION.ControlArea", "_SUBSECTION.SubsectionBase", "_SUBSECTION.NextSubsection", "_SUBSECTION.u",
        "_SUBSECTION.StartingSector", "_SUBSECTION.PtesInSubsection", "_CONTROL_AREA.Segment", "_CONTROL_AREA.u", "_CONTROL_AREA.FilePointer",
    ];

    /// <summary>_KPROCESS.DirectoryTableBase follows the 0x18-byte DISPATCHER_HEADER and the ProfileListHead LIST_ENTRY on every x64 build.</summary>
    private static Dictionary<string, int> Common(int userDirectoryTableBase, Dictionary<string, int> eprocessBase)
    {
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["_KPROCESS.DirectoryTableBase"] = 0x28, ["_KPROCESS.UserDirectoryTableBase"] = userDirectoryTableBase,
            ["_FILE_OBJECT.FileName"] = 0x58, ["_PEB_LDR_DATA.InLoadOrderModuleList"] = 0x10,
            ["_RTL_USER_PROCESS_PARAMETERS.ImagePathName"] = 0x60, ["_RTL_USER_PROCESS_PARAMETERS.CommandLine"] = 0x70,
            ["_RTL_BALANCED_NODE.Left"] = 0, ["_RTL_BALANCED_NODE.Right"] = 8,
        };
        foreach (var type in new[] { "_LDR_DATA_TABLE_ENTRY", "_KLDR_DATA_TABLE_ENTRY" })
        {
            offsets[$"{type}.InLoadOrderLinks"] = 0;
            offsets[$"{type}.DllBase"] = 0x30;
            offsets[$"{type}.SizeOfImage"] = 0x40;
            offsets[$"{type}.FullDllName"] = 0x48;
            offsets[$"{type}.BaseDllName"] = 0x58;
        }
        foreach (var (member, offset) in eprocessBase) offsets[$"_EPROCESS.{member}"] = offset;
        return offsets;
    }

    /// <summary>_MMVAD_SHORT/_MMVAD: unchanged from 22000 to 24H2 except that 24H2 has no u1 (_MMVAD_FLAGS1).</summary>
    private static Dictionary<string, int> Vad(int? flags1)
    {
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["_MMVAD_SHORT.VadNode"] = 0, ["_MMVAD_SHORT.StartingVpn"] = 0x18, ["_MMVAD_SHORT.EndingVpn"] = 0x1C,
            ["_MMVAD_SHORT.StartingVpnHigh"] = 0x20, ["_MMVAD_SHORT.EndingVpnHigh"] = 0x21, ["_MMVAD_SHORT.u"] = 0x30,
            ["_MMVAD.Subsection"] = 0x48, ["_MMVAD.FirstPrototypePte"] = 0x50, ["_MMVAD.LastContiguousPte"] = 0x58, ["_MMVAD.FileObject"] = 0x80,
        };
        if (flags1 is { } u1)
        {
            offsets["_MMVAD_SHORT.u1"] = u1;
            offsets["_MMVAD.u2"] = 0x40;
        }
        return offsets;
    }

    /// <summary>_SUBSECTION and _CONTROL_AREA; 24H2 names the subsection flags member SubsectionFlags, at the same +0x20 as u.</summary>
    private static Dictionary<string, int> Sections() => new(StringComparer.Ordinal)
    {
        ["_SUBSECTION.ControlArea"] = 0, ["_SUBSECTION.SubsectionBase"] = 8, ["_SUBSECTION.NextSubsection"] = 0x10,
        ["_SUBSECTION.u"] = 0x20, ["_SUBSECTION.StartingSector"] = 0x24, ["_SUBSECTION.PtesInSubsection"] = 0x2C,
        ["_CONTROL_AREA.Segment"] = 0, ["_CONTROL_AREA.u"] = 0x38, ["_CONTROL_AREA.FilePointer"] = 0x40,
    };

    private static Dictionary<string, int> Offsets(params Dictionary<string, int>[] parts)
    {
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in parts)
            foreach (var (name, offset) in part) offsets[name] = offset;
        return offsets;
    }

    private static Dictionary<string, string> Carried(string[] stable, string stableWhy, string[] neighbours, string neighboursWhy)
    {
        var carried = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in stable) carried[name] = stableWhy;
        foreach (var name in neighbours) carried[name] = neighboursWhy;
        return carried;
    }

    // Declared after the tables above: static fields initialise in textual order.
    public static readonly PublicHeaderFamily Windows11_22H2 = new(22621, "Win11_2209_22H2", "5dcfad1295f647f8483ef89f5569d3348d74bcfa",
        new PackedLayout(
            Offsets(Common(userDirectoryTableBase: 0x388, eprocessBase: Eprocess22H2), Vad(flags1: 0x34),
                new()
                {
                    ["_MI_SYSTEM_INFORMATION.Hardware"] = 0x600, ["_MI_HARDWARE_STATE.InvalidPteMask"] = 0xC0,
                    ["_PEB.ImageBaseAddress"] = 0x10, ["_PEB.Ldr"] = 0x18, ["_PEB.ProcessParameters"] = 0x20,
                },
                Sections()),
            new Dictionary<string, BitField>(VadFlags, StringComparer.Ordinal)
            {
                ["_MMVAD_FLAGS1.CommitCharge"] = new(0, 31), ["_MMVAD_FLAGS1.MemCommit"] = new(31, 1),
                ["_MMSECTION_FLAGS.Image"] = new(5, 1), ["_MMSECTION_FLAGS.File"] = new(7, 1),
            },
            new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["_EPROCESS"] = 0xB80, ["_MMVAD_SHORT"] = 0x40, ["_MMVAD"] = 0x88, ["_CONTROL_AREA"] = 0x80, ["_SUBSECTION"] = 0x38,
            },
            new Dictionary<string, ulong>(StringComparer.Ordinal)),
        Carried([.. StableNames, "_RTL_BALANCED_NODE.Left", "_RTL_BALANCED_NODE.Right"], StableX64,
            [.. SectionNames, "_MMSECTION_FLAGS.Image", "_MMSECTION_FLAGS.File", "_CONTROL_AREA", "_SUBSECTION"], SameIn22000And24H2));

    public static readonly PublicHeaderFamily Windows11_24H2 = new(26100, "Win11_2409_24H2", "ebe89c140e89b475005cd8696597ddf7406dfb8a",
        new PackedLayout(
            Offsets(Common(userDirectoryTableBase: 0x158, eprocessBase: Eprocess24H2), Vad(flags1: null),
                new() { ["_MI_SYSTEM_INFORMATION.Hardware"] = 0x1080, ["_MI_HARDWARE_STATE.InvalidPteMask"] = 0xC0 },
                Sections(),
                new() { ["_PEB.ImageBaseAddress"] = 0x10, ["_PEB.Ldr"] = 0x18, ["_PEB.ProcessParameters"] = 0x20 }),
            new Dictionary<string, BitField>(VadFlags, StringComparer.Ordinal)
            {
                ["_MM_PRIVATE_VAD_FLAGS.MemCommit"] = new(25, 1),
                ["_MMSECTION_FLAGS.Image"] = new(5, 1), ["_MMSECTION_FLAGS.File"] = new(7, 1),
            },
            new Dictionary<string, int>(StringComparer.Ordinal)
            {
                ["_EPROCESS"] = 0x840, ["_MMVAD_SHORT"] = 0x40, ["_MMVAD"] = 0x88, ["_CONTROL_AREA"] = 0x80, ["_SUBSECTION"] = 0x38,
            },
            new Dictionary<string, ulong>(StringComparer.Ordinal)),
        Carried([.. StableNames, "_RTL_BALANCED_NODE.Left", "_RTL_BALANCED_NODE.Right", "_PEB.ImageBaseAddress", "_PEB.Ldr", "_PEB.ProcessParameters"],
            StableX64, [], ""));

    /// <summary>The families by base build (<see cref="BuildFamilies.FamilyOf"/>).</summary>
    public static readonly IReadOnlyDictionary<uint, PublicHeaderFamily> All = new Dictionary<uint, PublicHeaderFamily>
    {
        [Windows11_22H2.Build] = Windows11_22H2,
        [Windows11_24H2.Build] = Windows11_24H2,
    };
}

namespace MemFs.Translate.Windows.Symbols;

/// <summary>
/// The kernel structure members, bit fields, sizes and globals MemFs reads, named "Struct.Member" as the PDB names
/// them. Every symbol source (PDB reader, ISF reader, embedded pack, per-build table, heuristics) fills these names.
/// A union member (e.g. _MMVAD_SHORT.u) gives the offset of the union.
/// </summary>
internal static class KernelFields
{
    public static readonly IReadOnlyList<string> Offsets =
    [
        "_KPROCESS.DirectoryTableBase", "_KPROCESS.UserDirectoryTableBase",
        "_EPROCESS.UniqueProcessId", "_EPROCESS.ActiveProcessLinks", "_EPROCESS.CreateTime", "_EPROCESS.ExitTime",
        "_EPROCESS.InheritedFromUniqueProcessId", "_EPROCESS.SectionBaseAddress", "_EPROCESS.ObjectTable", "_EPROCESS.Peb",
        "_EPROCESS.ImageFileName", "_EPROCESS.SeAuditProcessCreationInfo", "_EPROCESS.VadRoot", "_EPROCESS.WoW64Process",
        "_EPROCESS.Wow64Process", "_EPROCESS.ExitStatus", "_EPROCESS.ThreadListHead", "_EPROCESS.ImageFilePointer",
        "_EPROCESS.ActiveThreads", "_EPROCESS.VadCount",
        "_MMVAD_SHORT.StartingVpn", "_MMVAD_SHORT.EndingVpn", "_MMVAD_SHORT.StartingVpnHigh", "_MMVAD_SHORT.EndingVpnHigh",
        "_MMVAD_SHORT.u", "_MMVAD_SHORT.u1", "_MMVAD_SHORT.VadNode", "_MMVAD_SHORT.LeftChild", "_MMVAD_SHORT.RightChild",
        "_MMVAD.Subsection", "_MMVAD.FirstPrototypePte", "_MMVAD.LastContiguousPte", "_MMVAD.FileObject", "_MMVAD.u2",
        "_RTL_BALANCED_NODE.Left", "_RTL_BALANCED_NODE.Right", "_MM_AVL_TABLE.BalancedRoot", "_MMADDRESS_NODE.RightChild",
        "_SUBSECTION.ControlArea", "_SUBSECTION.SubsectionBase", "_SUBSECTION.NextSubsection", "_SUBSECTION.PtesInSubsection",
        "_SUBSECTION.StartingSector", "_SUBSECTION.u",
        "_CONTROL_AREA.Segment", "_CONTROL_AREA.u", "_CONTROL_AREA.FilePointer",
        "_FILE_OBJECT.FileName",
        "_PEB.ImageBaseAddress", "_PEB.Ldr", "_PEB.ProcessParameters",
        "_PEB_LDR_DATA.InLoadOrderModuleList",
        "_LDR_DATA_TABLE_ENTRY.InLoadOrderLinks", "_LDR_DATA_TABLE_ENTRY.DllBase", "_LDR_DATA_TABLE_ENTRY.SizeOfImage",
        "_LDR_DATA_TABLE_ENTRY.FullDllName", "_LDR_DATA_TABLE_ENTRY.BaseDllName",
        "_KLDR_DATA_TABLE_ENTRY.InLoadOrderLinks", "_KLDR_DATA_TABLE_ENTRY.DllBase", "_KLDR_DATA_TABLE_ENTRY.SizeOfImage",
        "_KLDR_DATA_TABLE_ENTRY.FullDllName", "_KLDR_DATA_TABLE_ENTRY.BaseDllName",
        "_RTL_USER_PROCESS_PARAMETERS.ImagePathName", "_RTL_USER_PROCESS_PARAMETERS.CommandLine",
        "_MI_SYSTEM_INFORMATION.Hardware", "_MI_HARDWARE_STATE.InvalidPteMask",
        "_MMPAGING_FILE.PageFileNumber", "_MMPAGING_FILE.VirtualStorePagefile",
        "_ETHREAD.ThreadListEntry", "_ETHREAD.Cid", "_ETHREAD.CreateTime", "_ETHREAD.ExitTime", "_ETHREAD.StartAddress",
        "_ETHREAD.Win32StartAddress", "_CLIENT_ID.UniqueProcess", "_CLIENT_ID.UniqueThread",
        "_KTHREAD.Teb", "_KTHREAD.StackBase", "_KTHREAD.StackLimit", "_KTHREAD.State", "_KTHREAD.Priority", "_KTHREAD.TrapFrame",
        "_KTHREAD.InitialStack", "_KTHREAD.KernelStack", "_NT_TIB.StackBase", "_NT_TIB.StackLimit",
        "_KTRAP_FRAME.Rax", "_KTRAP_FRAME.Rcx", "_KTRAP_FRAME.Rdx", "_KTRAP_FRAME.R8", "_KTRAP_FRAME.R9", "_KTRAP_FRAME.R10",
        "_KTRAP_FRAME.R11", "_KTRAP_FRAME.Rbp", "_KTRAP_FRAME.Rip", "_KTRAP_FRAME.Rsp", "_KTRAP_FRAME.EFlags", "_KTRAP_FRAME.SegCs",
        "_KTRAP_FRAME.SegSs",
        "_HANDLE_TABLE.TableCode", "_HANDLE_TABLE_ENTRY.Object", "_HANDLE_TABLE_ENTRY.GrantedAccess",
        "_OBJECT_HEADER.TypeIndex", "_OBJECT_HEADER.InfoMask", "_OBJECT_HEADER.Body", "_OBJECT_HEADER_NAME_INFO.Name", "_OBJECT_TYPE.Name",
    ];

    public static readonly IReadOnlyList<string> Bits =
    [
        "_MMVAD_FLAGS.VadType", "_MMVAD_FLAGS.Protection", "_MMVAD_FLAGS.PrivateMemory", "_MMVAD_FLAGS.MemCommit",
        "_MMVAD_FLAGS.CommitCharge", "_MMVAD_FLAGS1.MemCommit", "_MMVAD_FLAGS1.CommitCharge",
        "_MM_PRIVATE_VAD_FLAGS.MemCommit",
        "_MMSECTION_FLAGS.Image", "_MMSECTION_FLAGS.File",
        "_MMPAGING_FILE.PageFileNumber", "_MMPAGING_FILE.VirtualStorePagefile",
        "_HANDLE_TABLE_ENTRY.ObjectPointerBits", "_HANDLE_TABLE_ENTRY.GrantedAccessBits",
    ];

    public static readonly IReadOnlyList<string> Sizes =
        ["_EPROCESS", "_MMVAD_SHORT", "_MMVAD", "_CONTROL_AREA", "_SUBSECTION", "_ETHREAD", "_KTRAP_FRAME", "_HANDLE_TABLE_ENTRY"];

    public static readonly IReadOnlyList<string> Rvas =
    [
        "PsActiveProcessHead", "PsLoadedModuleList", "PsInitialSystemProcess", "KdDebuggerDataBlock", "MmPfnDatabase",
        "MiState", "NtBuildNumber", "MmPagingFile", "SmGlobals",
        "ObHeaderCookie", "ObTypeIndexTable", "ObpInfoMaskToOffset",
    ];

    /// <summary>Globals whose PDB public symbol is a decorated C++ name (SmGlobals is a C++ variable of type _SM_GLOBALS).</summary>
    private static readonly IReadOnlyDictionary<string, string> DecoratedRvas = new Dictionary<string, string>
    {
        ["SmGlobals"] = "?SmGlobals@@3U_SM_GLOBALS@@A",
    };

    /// <summary>The names a global may carry in a PDB or ISF: its own, then its decorated name.</summary>
    public static IEnumerable<string> SymbolNames(string rvaName)
    {
        yield return rvaName;
        if (DecoratedRvas.TryGetValue(rvaName, out var decorated)) yield return decorated;
    }
}

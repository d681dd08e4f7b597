namespace MemFs.Translate.Physical;

/// <summary>
/// What an image's own headers say about the machine: the facts later layers start from (DTB, kernel
/// base, list heads) and those an analyst reads first (build, bug check, time). Null means "not stated".
/// </summary>
public sealed record ImageFacts
{
    public static readonly ImageFacts None = new();

    /// <summary>CR3 of the dumping context; crash dumps may carry flag bits in the low 12 bits (mask them for the PML4).</summary>
    public ulong? DirectoryTableBase { get; init; }
    public ulong? KernelBase { get; init; }
    public ulong? PsActiveProcessHead { get; init; }
    public ulong? PsLoadedModuleList { get; init; }
    public ulong? KdDebuggerDataBlock { get; init; }
    public ulong? PfnDataBase { get; init; }

    /// <summary>IMAGE_FILE_MACHINE_* of the dumped system: 0x8664 (x64), 0x14C (x86).</summary>
    public uint? MachineType { get; init; }
    public bool? PaeEnabled { get; init; }
    public uint? MajorVersion { get; init; }

    /// <summary>Windows build number (the crash dump header's MinorVersion, or NtBuildNumber from imager metadata).</summary>
    public uint? BuildNumber { get; init; }
    public uint? NumberProcessors { get; init; }
    public uint? BugCheckCode { get; init; }
    public IReadOnlyList<ulong> BugCheckParameters { get; init; } = [];
    public DateTime? SystemTime { get; init; }
    public uint? DumpTypeCode { get; init; }
    public string? DumpType { get; init; }
    public string? Imager { get; init; }

    /// <summary>Kernel modules listed by the image itself (a triage dump's driver list), in its order.</summary>
    public IReadOnlyList<DumpModule> Modules { get; init; } = [];

    /// <summary>Further header fields worth showing, as (name, value) in display order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Other { get; init; } = [];
}

/// <summary>A kernel module as a dump lists it.</summary>
public sealed record DumpModule(string Path, ulong Base, uint Size, uint TimeDateStamp);

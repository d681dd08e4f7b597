using MemFs.Aff4.Binary;

namespace MemFs.Translate.Physical.Elf;

/// <summary>What a core file's notes say about who wrote it and the vCPUs.</summary>
internal sealed class ElfCoreNotes
{
    public const string QemuName = "QEMU";

    /// <summary>VirtualBox names its descriptor note "VBCORE" (older releases: "VBOXCORE") and its vCPU notes "VBCPU" ("VBOXCPU").</summary>
    public static readonly string[] VirtualBoxCoreNames = ["VBCORE", "VBOXCORE"];
    public static readonly string[] VirtualBoxCpuNames = ["VBCPU", "VBOXCPU"];

    private const string QemuCpuState = "QEMUCPUState";
    private const string CoreDescriptor = "DBGFCOREDESCRIPTOR";

    /// <summary>QEMUCPUState: u32 version, u32 size, 18 u64 registers, 10 segments of 24 bytes, then u64 cr[5].</summary>
    private const int Cr3Field = 8 + 18 * 8 + 10 * 24 + 3 * 8;
    private const int Cr4Field = Cr3Field + 8;

    // VirtualBox DBGFCOREDESCRIPTOR { u32 u32Magic, u32FmtVersion, cbSelf, u32VBoxVersion, u32VBoxRevision, cCpus }.
    private const int VBoxVersionField = 12;
    private const int VBoxRevisionField = 16;
    private const int CpuCountField = 20;
    private const int DescriptorSize = 24;

    public ElfCoreNotes(IReadOnlyList<ElfNote> notes) => Notes = notes;

    public IReadOnlyList<ElfNote> Notes { get; }

    public bool IsVirtualBox => Notes.Any(n => VirtualBoxCoreNames.Contains(n.Name));
    public bool IsQemu => Notes.Any(n => n.Name == QemuName);

    public string Format => IsVirtualBox ? "ELF core (VirtualBox dumpvmcore)" : IsQemu ? "ELF core (QEMU dump-guest-memory)" : "ELF core";

    public string? Imager => IsVirtualBox ? "VirtualBox dumpvmcore" : IsQemu ? "QEMU dump-guest-memory" : null;

    private ElfNote? FirstQemuState => Notes.FirstOrDefault(n => n.Name == QemuName && n.Description.Length >= Cr4Field + 8);

    public ulong? Cr3 => FirstQemuState is { } n ? n.Reader(QemuCpuState).U64(Cr3Field, "cr[3]") : null;

    public ulong? Cr4 => FirstQemuState is { } n ? n.Reader(QemuCpuState).U64(Cr4Field, "cr[4]") : null;

    private ElfNote? VirtualBoxDescriptor => Notes.FirstOrDefault(n => VirtualBoxCoreNames.Contains(n.Name) && n.Description.Length >= DescriptorSize);

    public uint? ProcessorCount
    {
        get
        {
            if (VirtualBoxDescriptor is { } d) return d.Reader(CoreDescriptor).U32(CpuCountField, "cCpus");
            var cpus = Notes.Count(n => n.Name == QemuName || VirtualBoxCpuNames.Contains(n.Name));
            return cpus == 0 ? null : (uint)cpus;
        }
    }

    /// <summary>VBOX_FULL_VERSION packs major &lt;&lt; 24 | minor &lt;&lt; 16 | build.</summary>
    public string? VirtualBoxVersion => VirtualBoxDescriptor is { } d ? Version(d.Reader(CoreDescriptor)) : null;

    private static string Version(BoundedReader descriptor)
    {
        var version = descriptor.U32(VBoxVersionField, "u32VBoxVersion");
        return $"{version >> 24}.{(version >> 16) & 0xFF}.{version & 0xFFFF} r{descriptor.U32(VBoxRevisionField, "u32VBoxRevision")}";
    }

    public string Summary => string.Join(", ", Notes.GroupBy(n => n.Name).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}"));
}

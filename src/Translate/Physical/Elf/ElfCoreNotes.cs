using System.Buffers.Binary;

namespace MemFs.Translate.Physical.Elf;

/// <summary>What a core file's notes say about who wrote it and the vCPUs.</summary>
internal sealed class ElfCoreNotes
{
    public const string QemuName = "QEMU";

    /// <summary>VirtualBox names its descriptor note "VBCORE" (older releases: "VBOXCORE") and its vCPU notes "VBCPU" ("VBOXCPU").</summary>
    public static readonly string[] VirtualBoxCoreNames = ["VBCORE", "VBOXCORE"];
    public static readonly string[] VirtualBoxCpuNames = ["VBCPU", "VBOXCPU"];

    /// <summary>QEMUCPUState: u32 version, u32 size, 18 u64 registers, 10 segments of 24 bytes, then u64 cr[5].</summary>
    private const int QemuCr3At = 8 + 18 * 8 + 10 * 24 + 3 * 8;
    private const int QemuCr4At = QemuCr3At + 8;

    public ElfCoreNotes(IReadOnlyList<ElfNote> notes) => Notes = notes;

    public IReadOnlyList<ElfNote> Notes { get; }

    public bool IsVirtualBox => Notes.Any(n => VirtualBoxCoreNames.Contains(n.Name));
    public bool IsQemu => Notes.Any(n => n.Name == QemuName);

    public string Format => IsVirtualBox ? "ELF core (VirtualBox dumpvmcore)" : IsQemu ? "ELF core (QEMU dump-guest-memory)" : "ELF core";

    public string? Imager => IsVirtualBox ? "VirtualBox dumpvmcore" : IsQemu ? "QEMU dump-guest-memory" : null;

    private ElfNote? FirstQemuState => Notes.FirstOrDefault(n => n.Name == QemuName && n.Description.Length >= QemuCr4At + 8);

    public ulong? Cr3 => FirstQemuState is { } n ? BinaryPrimitives.ReadUInt64LittleEndian(n.Description.AsSpan(QemuCr3At)) : null;

    public ulong? Cr4 => FirstQemuState is { } n ? BinaryPrimitives.ReadUInt64LittleEndian(n.Description.AsSpan(QemuCr4At)) : null;

    /// <summary>VirtualBox's DBGFCOREDESCRIPTOR { magic, format version, cbSelf, VBox version, revision, cCpus } (u32 each).</summary>
    private ElfNote? VirtualBoxDescriptor => Notes.FirstOrDefault(n => VirtualBoxCoreNames.Contains(n.Name) && n.Description.Length >= 24);

    public uint? ProcessorCount
    {
        get
        {
            if (VirtualBoxDescriptor is { } d) return BinaryPrimitives.ReadUInt32LittleEndian(d.Description.AsSpan(20));
            var cpus = Notes.Count(n => n.Name == QemuName || VirtualBoxCpuNames.Contains(n.Name));
            return cpus == 0 ? null : (uint)cpus;
        }
    }

    /// <summary>VBOX_FULL_VERSION packs major &lt;&lt; 24 | minor &lt;&lt; 16 | build.</summary>
    public string? VirtualBoxVersion => VirtualBoxDescriptor is { } d
        ? $"{d.Description[15]}.{d.Description[14]}.{BinaryPrimitives.ReadUInt16LittleEndian(d.Description.AsSpan(12))} r{BinaryPrimitives.ReadUInt32LittleEndian(d.Description.AsSpan(16))}"
        : null;

    public string Summary => string.Join(", ", Notes.GroupBy(n => n.Name).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}"));
}

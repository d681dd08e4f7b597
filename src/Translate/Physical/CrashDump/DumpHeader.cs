namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// The fields of a DUMP_HEADER64 or DUMP_HEADER32 MemFs uses, widened to 64 bits. Pointers of a 32-bit
/// header are zero-extended.
/// </summary>
internal sealed record DumpHeader
{
    public required bool Is64Bit { get; init; }

    /// <summary>Bytes of the header: 0x2000 (64-bit) or 0x1000 (32-bit); page data or the next structure starts here.</summary>
    public required int HeaderSize { get; init; }

    public required uint MajorVersion { get; init; }
    public required uint MinorVersion { get; init; }
    public required ulong DirectoryTableBase { get; init; }
    public required ulong PfnDataBase { get; init; }
    public required ulong PsLoadedModuleList { get; init; }
    public required ulong PsActiveProcessHead { get; init; }
    public required uint MachineImageType { get; init; }
    public required uint NumberProcessors { get; init; }
    public required uint BugCheckCode { get; init; }
    public required IReadOnlyList<ulong> BugCheckParameters { get; init; }
    public required ulong KdDebuggerDataBlock { get; init; }

    /// <summary>Only DUMP_HEADER32 states it.</summary>
    public bool? PaeEnabled { get; init; }

    /// <summary>File offset of PhysicalMemoryBlock.</summary>
    public required int PhysicalMemoryBlockOffset { get; init; }

    public required uint ExceptionCode { get; init; }
    public required ulong ExceptionAddress { get; init; }
    public required string? Comment { get; init; }
    public required uint DumpType { get; init; }

    /// <summary>File offset of DumpType.</summary>
    public required int DumpTypeOffset { get; init; }
    public required ulong RequiredDumpSpace { get; init; }
    public required ulong SystemTime { get; init; }
    public required ulong SystemUpTime { get; init; }
    public required uint MiniDumpFields { get; init; }
    public required uint SecondaryDataState { get; init; }
    public required uint ProductType { get; init; }
    public required uint SuiteMask { get; init; }

    /// <summary>The header as read; PhysicalMemoryBlock is decoded only by the dump types that use it.</summary>
    public required ReadOnlyMemory<byte> Bytes { get; init; }

    /// <summary>
    /// The run list, or null when the block holds the 'PAGE' fill (triage dumps). Throws
    /// <see cref="ImageFormatException"/> when NumberOfRuns cannot fit the header.
    /// </summary>
    public PhysicalMemoryDescriptor? ReadPhysicalMemoryBlock(string file) => Is64Bit
        ? PhysicalMemoryDescriptor.Read64(ImageReader.Over(Bytes.Span, file, 0, "DUMP_HEADER64"))
        : PhysicalMemoryDescriptor.Read32(ImageReader.Over(Bytes.Span, file, 0, "DUMP_HEADER32"));

    /// <summary>File offset of run <paramref name="index"/> of PhysicalMemoryBlock.</summary>
    public int RunOffset(int index) => Is64Bit ? PhysicalMemoryBlockOffset + 0x10 + 16 * index : PhysicalMemoryBlockOffset + 8 + 8 * index;

    public string Bits => Is64Bit ? "64-bit" : "32-bit";
}

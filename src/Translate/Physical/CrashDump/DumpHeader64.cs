using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>DUMP_HEADER64, the 0x2000-byte header of a "PAGEDU64" dump (layout as in wdm.h / the debugger's dt nt!_DUMP_HEADER64).</summary>
internal static class DumpHeader64
{
    public const int Size = 0x2000;

    private const int MajorVersion = 0x8;
    private const int MinorVersion = 0xC;
    private const int DirectoryTableBase = 0x10;
    private const int PfnDataBase = 0x18;
    private const int PsLoadedModuleList = 0x20;
    private const int PsActiveProcessHead = 0x28;
    private const int MachineImageType = 0x30;
    private const int NumberProcessors = 0x34;
    private const int BugCheckCode = 0x38;
    private const int BugCheckParameter1 = 0x40;
    private const int BugCheckParameter2 = 0x48;
    private const int BugCheckParameter3 = 0x50;
    private const int BugCheckParameter4 = 0x58;
    private const int KdDebuggerDataBlock = 0x80;
    private const int PhysicalMemoryBlock = 0x88;
    // EXCEPTION_RECORD64 at 0xF00: ExceptionCode +0, ExceptionAddress +0x10.
    private const int ExceptionCode = 0xF00;
    private const int ExceptionAddress = 0xF10;
    private const int DumpType = 0xF98;
    private const int RequiredDumpSpace = 0xFA0;
    private const int SystemTime = 0xFA8;
    private const int Comment = 0xFB0;
    private const int CommentSize = 128;
    private const int SystemUpTime = 0x1030;
    private const int MiniDumpFields = 0x1038;
    private const int SecondaryDataState = 0x103C;
    private const int ProductType = 0x1040;
    private const int SuiteMask = 0x1044;

    public static DumpHeader Read(IByteSource source)
    {
        var bytes = DumpHeaderReader.ReadChecked(source, Size, "DUMP_HEADER64", "DU64"u8);
        var h = ImageReader.Over(bytes, source.Name, 0, "DUMP_HEADER64");
        return new DumpHeader
        {
            Bytes = bytes,
            Is64Bit = true,
            HeaderSize = Size,
            MajorVersion = h.U32(MajorVersion),
            MinorVersion = h.U32(MinorVersion),
            DirectoryTableBase = h.U64(DirectoryTableBase),
            PfnDataBase = h.U64(PfnDataBase),
            PsLoadedModuleList = h.U64(PsLoadedModuleList),
            PsActiveProcessHead = h.U64(PsActiveProcessHead),
            MachineImageType = h.U32(MachineImageType),
            NumberProcessors = h.U32(NumberProcessors),
            BugCheckCode = h.U32(BugCheckCode),
            BugCheckParameters = [h.U64(BugCheckParameter1), h.U64(BugCheckParameter2), h.U64(BugCheckParameter3), h.U64(BugCheckParameter4)],
            KdDebuggerDataBlock = h.U64(KdDebuggerDataBlock),
            PhysicalMemoryBlockOffset = PhysicalMemoryBlock,
            ExceptionCode = h.U32(ExceptionCode),
            ExceptionAddress = h.U64(ExceptionAddress),
            DumpType = h.U32(DumpType),
            DumpTypeOffset = DumpType,
            RequiredDumpSpace = h.U64(RequiredDumpSpace),
            SystemTime = h.U64(SystemTime),
            Comment = DumpComment.Read(h.Bytes(Comment, CommentSize)),
            SystemUpTime = h.U64(SystemUpTime),
            MiniDumpFields = h.U32(MiniDumpFields),
            SecondaryDataState = h.U32(SecondaryDataState),
            ProductType = h.U32(ProductType),
            SuiteMask = h.U32(SuiteMask),
        };
    }
}

using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>DUMP_HEADER32, the 0x1000-byte header of a "PAGEDUMP" dump (wdm.h / dt nt!_DUMP_HEADER32). Pointers are 32 bits wide.</summary>
internal static class DumpHeader32
{
    public const int Size = 0x1000;

    private const int MajorVersion = 0x8;
    private const int MinorVersion = 0xC;
    private const int DirectoryTableBase = 0x10;
    private const int PfnDataBase = 0x14;
    private const int PsLoadedModuleList = 0x18;
    private const int PsActiveProcessHead = 0x1C;
    private const int MachineImageType = 0x20;
    private const int NumberProcessors = 0x24;
    private const int BugCheckCode = 0x28;
    private const int BugCheckParameter1 = 0x2C;
    private const int BugCheckParameter2 = 0x30;
    private const int BugCheckParameter3 = 0x34;
    private const int BugCheckParameter4 = 0x38;
    private const int PaeEnabled = 0x5C;
    private const int KdDebuggerDataBlock = 0x60;
    private const int PhysicalMemoryBlock = 0x64;
    // EXCEPTION_RECORD32 at 0x7D0: ExceptionCode +0, ExceptionAddress +0xC.
    private const int ExceptionCode = 0x7D0;
    private const int ExceptionAddress = 0x7DC;
    private const int Comment = 0x820;
    private const int CommentSize = 128;
    private const int DumpType = 0xF88;
    private const int MiniDumpFields = 0xF8C;
    private const int SecondaryDataState = 0xF90;
    private const int ProductType = 0xF94;
    private const int SuiteMask = 0xF98;
    private const int RequiredDumpSpace = 0xFA0;
    private const int SystemUpTime = 0xFB8;
    private const int SystemTime = 0xFC0;

    public static DumpHeader Read(IByteSource source)
    {
        var bytes = DumpHeaderReader.ReadChecked(source, Size, "DUMP_HEADER32", "DUMP"u8);
        var h = ImageReader.Over(bytes, source.Name, 0, "DUMP_HEADER32");
        return new DumpHeader
        {
            Bytes = bytes,
            Is64Bit = false,
            HeaderSize = Size,
            MajorVersion = h.U32(MajorVersion),
            MinorVersion = h.U32(MinorVersion),
            DirectoryTableBase = h.U32(DirectoryTableBase),
            PfnDataBase = h.U32(PfnDataBase),
            PsLoadedModuleList = h.U32(PsLoadedModuleList),
            PsActiveProcessHead = h.U32(PsActiveProcessHead),
            MachineImageType = h.U32(MachineImageType),
            NumberProcessors = h.U32(NumberProcessors),
            BugCheckCode = h.U32(BugCheckCode),
            BugCheckParameters = [h.U32(BugCheckParameter1), h.U32(BugCheckParameter2), h.U32(BugCheckParameter3), h.U32(BugCheckParameter4)],
            PaeEnabled = h.U8(PaeEnabled) != 0,
            KdDebuggerDataBlock = h.U32(KdDebuggerDataBlock),
            PhysicalMemoryBlockOffset = PhysicalMemoryBlock,
            ExceptionCode = h.U32(ExceptionCode),
            ExceptionAddress = h.U32(ExceptionAddress),
            Comment = DumpComment.Read(h.Bytes(Comment, CommentSize)),
            DumpType = h.U32(DumpType),
            DumpTypeOffset = DumpType,
            MiniDumpFields = h.U32(MiniDumpFields),
            SecondaryDataState = h.U32(SecondaryDataState),
            ProductType = h.U32(ProductType),
            SuiteMask = h.U32(SuiteMask),
            RequiredDumpSpace = h.U64(RequiredDumpSpace),
            SystemUpTime = h.U64(SystemUpTime),
            SystemTime = h.U64(SystemTime),
        };
    }
}

using System.Buffers.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>DUMP_HEADER64, the 0x2000-byte header of a "PAGEDU64" dump.</summary>
public static class DumpHeader64
{
    public const int Size = 0x2000;

    public static DumpHeader Read(IByteSource source)
    {
        var bytes = DumpHeaderReader.ReadChecked(source, Size, "DUMP_HEADER64", "DU64"u8);
        var h = bytes.AsSpan();
        return new DumpHeader
        {
            Bytes = bytes,
            Is64Bit = true,
            HeaderSize = Size,
            MajorVersion = U32(h, 0x8),
            MinorVersion = U32(h, 0xC),
            DirectoryTableBase = U64(h, 0x10),
            PfnDataBase = U64(h, 0x18),
            PsLoadedModuleList = U64(h, 0x20),
            PsActiveProcessHead = U64(h, 0x28),
            MachineImageType = U32(h, 0x30),
            NumberProcessors = U32(h, 0x34),
            BugCheckCode = U32(h, 0x38),
            BugCheckParameters = [U64(h, 0x40), U64(h, 0x48), U64(h, 0x50), U64(h, 0x58)],
            KdDebuggerDataBlock = U64(h, 0x80),
            PhysicalMemoryBlockOffset = 0x88,
            // EXCEPTION_RECORD64 at 0xF00: ExceptionCode +0, ExceptionAddress +0x10.
            ExceptionCode = U32(h, 0xF00),
            ExceptionAddress = U64(h, 0xF10),
            DumpType = U32(h, 0xF98),
            DumpTypeOffset = 0xF98,
            RequiredDumpSpace = U64(h, 0xFA0),
            SystemTime = U64(h, 0xFA8),
            Comment = DumpComment.Read(h.Slice(0xFB0, 128)),
            SystemUpTime = U64(h, 0x1030),
            MiniDumpFields = U32(h, 0x1038),
            SecondaryDataState = U32(h, 0x103C),
            ProductType = U32(h, 0x1040),
            SuiteMask = U32(h, 0x1044),
        };
    }

    private static uint U32(ReadOnlySpan<byte> h, int at) => BinaryPrimitives.ReadUInt32LittleEndian(h[at..]);
    private static ulong U64(ReadOnlySpan<byte> h, int at) => BinaryPrimitives.ReadUInt64LittleEndian(h[at..]);
}

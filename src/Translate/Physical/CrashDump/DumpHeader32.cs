using System.Buffers.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>DUMP_HEADER32, the 0x1000-byte header of a "PAGEDUMP" dump. Pointers are 32 bits wide.</summary>
public static class DumpHeader32
{
    public const int Size = 0x1000;

    public static DumpHeader Read(IByteSource source)
    {
        var bytes = DumpHeaderReader.ReadChecked(source, Size, "DUMP_HEADER32", "DUMP"u8);
        var h = bytes.AsSpan();
        return new DumpHeader
        {
            Bytes = bytes,
            Is64Bit = false,
            HeaderSize = Size,
            MajorVersion = U32(h, 0x8),
            MinorVersion = U32(h, 0xC),
            DirectoryTableBase = U32(h, 0x10),
            PfnDataBase = U32(h, 0x14),
            PsLoadedModuleList = U32(h, 0x18),
            PsActiveProcessHead = U32(h, 0x1C),
            MachineImageType = U32(h, 0x20),
            NumberProcessors = U32(h, 0x24),
            BugCheckCode = U32(h, 0x28),
            BugCheckParameters = [U32(h, 0x2C), U32(h, 0x30), U32(h, 0x34), U32(h, 0x38)],
            PaeEnabled = h[0x5C] != 0,
            KdDebuggerDataBlock = U32(h, 0x60),
            PhysicalMemoryBlockOffset = 0x64,
            // EXCEPTION_RECORD32 at 0x7D0: ExceptionCode +0, ExceptionAddress +0xC.
            ExceptionCode = U32(h, 0x7D0),
            ExceptionAddress = U32(h, 0x7DC),
            Comment = DumpComment.Read(h.Slice(0x820, 128)),
            DumpType = U32(h, 0xF88),
            DumpTypeOffset = 0xF88,
            MiniDumpFields = U32(h, 0xF8C),
            SecondaryDataState = U32(h, 0xF90),
            ProductType = U32(h, 0xF94),
            SuiteMask = U32(h, 0xF98),
            RequiredDumpSpace = BinaryPrimitives.ReadUInt64LittleEndian(h[0xFA0..]),
            SystemUpTime = BinaryPrimitives.ReadUInt64LittleEndian(h[0xFB8..]),
            SystemTime = BinaryPrimitives.ReadUInt64LittleEndian(h[0xFC0..]),
        };
    }

    private static uint U32(ReadOnlySpan<byte> h, int at) => BinaryPrimitives.ReadUInt32LittleEndian(h[at..]);
}

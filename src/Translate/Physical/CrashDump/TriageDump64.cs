using System.Buffers.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>TRIAGE_DUMP64, right after the header of a triage (mini kernel) dump. Offsets in it are file offsets.</summary>
public sealed record TriageDump64
{
    public const int Size = 0x80;
    public const int DriverListOffsetField = 0x30;
    public const int DriverCountField = 0x34;
    public const int DebuggerDataOffsetField = 0x70;

    public required long Offset { get; init; }
    public required uint ServicePackBuild { get; init; }
    public required uint SizeOfDump { get; init; }
    public required uint ValidOffset { get; init; }
    public required uint ContextOffset { get; init; }
    public required uint ExceptionOffset { get; init; }
    public required uint MmOffset { get; init; }
    public required uint UnloadedDriversOffset { get; init; }
    public required uint PrcbOffset { get; init; }
    public required uint ProcessOffset { get; init; }
    public required uint ThreadOffset { get; init; }
    public required uint CallStackOffset { get; init; }
    public required uint SizeOfCallStack { get; init; }
    public required uint DriverListOffset { get; init; }
    public required uint DriverCount { get; init; }
    public required uint StringPoolOffset { get; init; }
    public required uint StringPoolSize { get; init; }
    public required uint BrokenDriverOffset { get; init; }
    public required uint TriageOptions { get; init; }
    public required ulong TopOfStack { get; init; }
    public required uint DebuggerDataOffset { get; init; }
    public required uint DebuggerDataSize { get; init; }
    public required uint DataBlocksOffset { get; init; }
    public required uint DataBlocksCount { get; init; }

    public static TriageDump64 Read(IByteSource source, long offset)
    {
        if (source.Length - offset < Size)
            throw new ImageFormatException(source.Name, offset,
                $"TRIAGE_DUMP64 (0x{Size:X} bytes) lies past the end of the file (0x{source.Length:X} bytes): truncated");
        var t = source.ReadBlock(offset, Size, "TRIAGE_DUMP64").AsSpan();
        return new TriageDump64
        {
            Offset = offset,
            ServicePackBuild = U32(t, 0x0),
            SizeOfDump = U32(t, 0x4),
            ValidOffset = U32(t, 0x8),
            ContextOffset = U32(t, 0xC),
            ExceptionOffset = U32(t, 0x10),
            MmOffset = U32(t, 0x14),
            UnloadedDriversOffset = U32(t, 0x18),
            PrcbOffset = U32(t, 0x1C),
            ProcessOffset = U32(t, 0x20),
            ThreadOffset = U32(t, 0x24),
            CallStackOffset = U32(t, 0x28),
            SizeOfCallStack = U32(t, 0x2C),
            DriverListOffset = U32(t, DriverListOffsetField),
            DriverCount = U32(t, DriverCountField),
            StringPoolOffset = U32(t, 0x38),
            StringPoolSize = U32(t, 0x3C),
            BrokenDriverOffset = U32(t, 0x40),
            TriageOptions = U32(t, 0x44),
            TopOfStack = BinaryPrimitives.ReadUInt64LittleEndian(t[0x48..]),
            DebuggerDataOffset = U32(t, DebuggerDataOffsetField),
            DebuggerDataSize = U32(t, 0x74),
            DataBlocksOffset = U32(t, 0x78),
            DataBlocksCount = U32(t, 0x7C),
        };
    }

    /// <summary>The fields as ("TRIAGE_DUMP64.Name", hex value), in structure order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Describe()
    {
        (string Name, ulong Value)[] fields =
        [
            (nameof(ServicePackBuild), ServicePackBuild), (nameof(SizeOfDump), SizeOfDump), (nameof(ValidOffset), ValidOffset),
            (nameof(ContextOffset), ContextOffset), (nameof(ExceptionOffset), ExceptionOffset), (nameof(MmOffset), MmOffset),
            (nameof(UnloadedDriversOffset), UnloadedDriversOffset), (nameof(PrcbOffset), PrcbOffset), (nameof(ProcessOffset), ProcessOffset),
            (nameof(ThreadOffset), ThreadOffset), (nameof(CallStackOffset), CallStackOffset), (nameof(SizeOfCallStack), SizeOfCallStack),
            (nameof(DriverListOffset), DriverListOffset), (nameof(DriverCount), DriverCount), (nameof(StringPoolOffset), StringPoolOffset),
            (nameof(StringPoolSize), StringPoolSize), (nameof(BrokenDriverOffset), BrokenDriverOffset), (nameof(TriageOptions), TriageOptions),
            (nameof(TopOfStack), TopOfStack), (nameof(DebuggerDataOffset), DebuggerDataOffset), (nameof(DebuggerDataSize), DebuggerDataSize),
            (nameof(DataBlocksOffset), DataBlocksOffset), (nameof(DataBlocksCount), DataBlocksCount),
        ];
        return fields.Select(f => KeyValuePair.Create($"TRIAGE_DUMP64.{f.Name}",
            f.Name == nameof(DriverCount) ? f.Value.ToString() : $"0x{f.Value:X}"));
    }

    private static uint U32(ReadOnlySpan<byte> t, int at) => BinaryPrimitives.ReadUInt32LittleEndian(t[at..]);
}

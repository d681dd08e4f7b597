using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>TRIAGE_DUMP64, right after the header of a triage (mini kernel) dump. Offsets in it are file offsets.</summary>
internal sealed record TriageDump64
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
        var t = source.ReadStructure(offset, Size, "TRIAGE_DUMP64");
        return new TriageDump64
        {
            Offset = offset,
            ServicePackBuild = t.U32(Layout.ServicePackBuild),
            SizeOfDump = t.U32(Layout.SizeOfDump),
            ValidOffset = t.U32(Layout.ValidOffset),
            ContextOffset = t.U32(Layout.ContextOffset),
            ExceptionOffset = t.U32(Layout.ExceptionOffset),
            MmOffset = t.U32(Layout.MmOffset),
            UnloadedDriversOffset = t.U32(Layout.UnloadedDriversOffset),
            PrcbOffset = t.U32(Layout.PrcbOffset),
            ProcessOffset = t.U32(Layout.ProcessOffset),
            ThreadOffset = t.U32(Layout.ThreadOffset),
            CallStackOffset = t.U32(Layout.CallStackOffset),
            SizeOfCallStack = t.U32(Layout.SizeOfCallStack),
            DriverListOffset = t.U32(Layout.DriverListOffset),
            DriverCount = t.U32(Layout.DriverCount),
            StringPoolOffset = t.U32(Layout.StringPoolOffset),
            StringPoolSize = t.U32(Layout.StringPoolSize),
            BrokenDriverOffset = t.U32(Layout.BrokenDriverOffset),
            TriageOptions = t.U32(Layout.TriageOptions),
            TopOfStack = t.U64(Layout.TopOfStack),
            DebuggerDataOffset = t.U32(Layout.DebuggerDataOffset),
            DebuggerDataSize = t.U32(Layout.DebuggerDataSize),
            DataBlocksOffset = t.U32(Layout.DataBlocksOffset),
            DataBlocksCount = t.U32(Layout.DataBlocksCount),
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

    // Field offsets of TRIAGE_DUMP64 (dt nt!_TRIAGE_DUMP64 on x64): u32 fields, TopOfStack u64.
    private static class Layout
    {
        public const int ServicePackBuild = 0x0;
        public const int SizeOfDump = 0x4;
        public const int ValidOffset = 0x8;
        public const int ContextOffset = 0xC;
        public const int ExceptionOffset = 0x10;
        public const int MmOffset = 0x14;
        public const int UnloadedDriversOffset = 0x18;
        public const int PrcbOffset = 0x1C;
        public const int ProcessOffset = 0x20;
        public const int ThreadOffset = 0x24;
        public const int CallStackOffset = 0x28;
        public const int SizeOfCallStack = 0x2C;
        public const int DriverListOffset = TriageDump64.DriverListOffsetField;
        public const int DriverCount = TriageDump64.DriverCountField;
        public const int StringPoolOffset = 0x38;
        public const int StringPoolSize = 0x3C;
        public const int BrokenDriverOffset = 0x40;
        public const int TriageOptions = 0x44;
        public const int TopOfStack = 0x48;
        public const int DebuggerDataOffset = TriageDump64.DebuggerDataOffsetField;
        public const int DebuggerDataSize = 0x74;
        public const int DataBlocksOffset = 0x78;
        public const int DataBlocksCount = 0x7C;
    }
}

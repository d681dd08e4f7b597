using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// A Windows kernel crash dump ("PAGEDU64" or "PAGEDUMP"): full (run-based) and bitmap dumps as physical
/// memory; triage and other dump types as their header facts over an empty address space.
/// </summary>
internal static class CrashDumpImage
{
    public const string FormatPrefix = "Windows crash dump";

    public static bool IsCrashDump(ReadOnlySpan<byte> head) =>
        head.Length >= 8 && (head[..8].SequenceEqual("PAGEDU64"u8) || head[..8].SequenceEqual("PAGEDUMP"u8));

    public static PhysicalImage Open(IByteSource source)
    {
        var file = source.Name;
        var header = ReadHeader(source);
        var typeName = DumpTypes.Name(header.DumpType)
            ?? throw new ImageFormatException(file, header.DumpTypeOffset, $"DumpType 0x{header.DumpType:X} is not a Windows dump type");
        var warnings = new List<string>();
        var facts = CrashDumpFacts.From(header, typeName);
        var other = new List<KeyValuePair<string, string>>(facts.Other);
        RunTable runs;
        if (header.DumpType == DumpTypes.Full)
        {
            var block = header.ReadPhysicalMemoryBlock(file);
            runs = FullDump.ReadRuns(header, source, block, warnings);
            other.Add(KeyValuePair.Create("PhysicalMemoryBlock.NumberOfRuns", block!.NumberOfRuns.ToString()));
            other.Add(KeyValuePair.Create("PhysicalMemoryBlock.NumberOfPages", block.NumberOfPages.ToString()));
        }
        else if (DumpTypes.IsBitmap(header.DumpType))
        {
            runs = BitmapDump.ReadRuns(header, source, warnings, out var summary);
            other.Add(KeyValuePair.Create("SUMMARY_DUMP.Signature", summary.Signature));
            other.Add(CrashDumpFacts.Hex("SUMMARY_DUMP.DumpOptions", summary.DumpOptions));
            other.Add(CrashDumpFacts.Hex("SUMMARY_DUMP.HeaderSize", summary.HeaderSize));
            other.Add(KeyValuePair.Create("SUMMARY_DUMP.Pages", summary.Pages.ToString()));
            other.Add(KeyValuePair.Create("SUMMARY_DUMP.BitmapSize", summary.BitmapSize.ToString()));
        }
        else if (header.DumpType == DumpTypes.Triage && header.Is64Bit)
        {
            var triage = TriageDump.Read(source, header, warnings);
            facts = facts with { KernelBase = triage.DebuggerData?.KernBase, Modules = triage.Drivers };
            other.AddRange(triage.Header.Describe());
            if (triage.DebuggerData is { } kdbg)
            {
                other.Add(CrashDumpFacts.Hex("KDDEBUGGER_DATA64.Size", kdbg.Size));
                other.Add(CrashDumpFacts.Hex("KDDEBUGGER_DATA64.KernBase", kdbg.KernBase));
                other.Add(CrashDumpFacts.Hex("KDDEBUGGER_DATA64.PsLoadedModuleList", kdbg.PsLoadedModuleList));
                other.Add(CrashDumpFacts.Hex("KDDEBUGGER_DATA64.PsActiveProcessHead", kdbg.PsActiveProcessHead));
            }
            runs = NoMemory(source);
        }
        else
        {
            warnings.Add(header.DumpType == DumpTypes.Triage
                ? $"{file}: a 32-bit triage dump holds no physical memory, and MemFs does not read its TRIAGE_DUMP32 driver list"
                : $"{file}: dump type {header.DumpType} ({typeName}) holds no physical memory MemFs can read");
            runs = NoMemory(source);
        }
        var memory = new RunMappedMemory($"{FormatPrefix}, {header.Bits}, {typeName}", source, runs);
        warnings.InsertRange(0, memory.Warnings);
        return new PhysicalImage(file, memory, facts with { Other = other }, warnings, [], memory);
    }

    private static DumpHeader ReadHeader(IByteSource source)
    {
        if (source.Length < 8)
            throw new ImageFormatException(source.Name, 0, $"DUMP_HEADER.Signature: the file has only {source.Length} bytes");
        Span<byte> head = stackalloc byte[8];
        source.ReadExactly(0, head, "DUMP_HEADER.Signature");
        if (head[4..].SequenceEqual("DU64"u8)) return DumpHeader64.Read(source);
        if (head[4..].SequenceEqual("DUMP"u8)) return DumpHeader32.Read(source);
        if (head[..4].SequenceEqual("PAGE"u8))
            throw new ImageFormatException(source.Name, 4,
                $"DUMP_HEADER.ValidDump is 0x{BitConverter.ToUInt32(head[4..]):X8}, neither \"DU64\" (64-bit) nor \"DUMP\" (32-bit)");
        throw new ImageFormatException(source.Name, 0, "DUMP_HEADER.Signature is not \"PAGE\": not a Windows crash dump");
    }

    private static RunTable NoMemory(IByteSource source) => RunTable.Validate([], source.Name, source.Length, "no physical memory");
}

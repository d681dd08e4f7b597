using System.Buffers.Binary;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// The PHYSICAL_MEMORY_DESCRIPTOR in a dump header (PhysicalMemoryBlock): the machine's RAM runs. In a full
/// dump the pages of these runs follow the header back to back, in run order.
/// </summary>
public sealed record PhysicalMemoryDescriptor(uint NumberOfRuns, ulong NumberOfPages, IReadOnlyList<PhysicalMemoryRun> Runs)
{
    /// <summary>
    /// Reads the descriptor of a 64-bit header: NumberOfRuns u32 +0, NumberOfPages u64 +8, runs of
    /// { BasePage u64, PageCount u64 } from +0x10, at most up to ContextRecord (0x348). Null when the block
    /// holds the 'PAGE' fill.
    /// </summary>
    public static PhysicalMemoryDescriptor? Read64(ReadOnlySpan<byte> header, string file) =>
        Read(header, file, offset: 0x88, runsAt: 0x10, runSize: 16, end: 0x348, wide: true);

    /// <summary>
    /// Reads the descriptor of a 32-bit header: NumberOfRuns u32 +0, NumberOfPages u32 +4, runs of
    /// { BasePage u32, PageCount u32 } from +8, at most up to ContextRecord (0x320).
    /// </summary>
    public static PhysicalMemoryDescriptor? Read32(ReadOnlySpan<byte> header, string file) =>
        Read(header, file, offset: 0x64, runsAt: 0x8, runSize: 8, end: 0x320, wide: false);

    private static PhysicalMemoryDescriptor? Read(ReadOnlySpan<byte> header, string file, int offset, int runsAt, int runSize, int end, bool wide)
    {
        var block = header[offset..end];
        var numberOfRuns = BinaryPrimitives.ReadUInt32LittleEndian(block);
        if (numberOfRuns == DumpFill.Page) return null;
        var numberOfPages = wide ? BinaryPrimitives.ReadUInt64LittleEndian(block[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(block[4..]);
        var maxRuns = (end - offset - runsAt) / runSize;
        if (numberOfRuns > maxRuns)
            throw new ImageFormatException(file, offset,
                $"PhysicalMemoryBlock.NumberOfRuns is {numberOfRuns}, but at most {maxRuns} runs fit before ContextRecord (0x{end:X})");
        var runs = new PhysicalMemoryRun[numberOfRuns];
        for (var i = 0; i < runs.Length; i++)
        {
            var run = block[(runsAt + i * runSize)..];
            runs[i] = wide
                ? new PhysicalMemoryRun(BinaryPrimitives.ReadUInt64LittleEndian(run), BinaryPrimitives.ReadUInt64LittleEndian(run[8..]))
                : new PhysicalMemoryRun(BinaryPrimitives.ReadUInt32LittleEndian(run), BinaryPrimitives.ReadUInt32LittleEndian(run[4..]));
        }
        return new PhysicalMemoryDescriptor(numberOfRuns, numberOfPages, runs);
    }
}

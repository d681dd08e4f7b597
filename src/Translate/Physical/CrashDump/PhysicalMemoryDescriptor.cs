using MemFs.Aff4.Binary;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// The PHYSICAL_MEMORY_DESCRIPTOR in a dump header (PhysicalMemoryBlock): the machine's RAM runs. In a full
/// dump the pages of these runs follow the header back to back, in run order.
/// </summary>
internal sealed record PhysicalMemoryDescriptor(uint NumberOfRuns, ulong NumberOfPages, IReadOnlyList<PhysicalMemoryRun> Runs)
{
    private const int Block64 = 0x88;
    private const int ContextRecord64 = 0x348;
    private const int Block32 = 0x64;
    private const int ContextRecord32 = 0x320;

    private const int NumberOfRunsField = 0x0;
    private const int NumberOfPages64 = 0x8;
    private const int Runs64 = 0x10;
    private const int NumberOfPages32 = 0x4;
    private const int Runs32 = 0x8;

    // PHYSICAL_MEMORY_RUN64 / PHYSICAL_MEMORY_RUN32: BasePage, then PageCount, each pointer-sized.
    private const int BasePage = 0x0;
    private const int PageCount64 = 0x8;
    private const int PageCount32 = 0x4;

    /// <summary>
    /// Reads the descriptor of a 64-bit header: NumberOfRuns u32 +0, NumberOfPages u64 +8, runs of
    /// { BasePage u64, PageCount u64 } from +0x10, at most up to ContextRecord (0x348). Null when the block
    /// holds the 'PAGE' fill.
    /// </summary>
    public static PhysicalMemoryDescriptor? Read64(BoundedReader header) =>
        Read(header.Slice(Block64, ContextRecord64 - Block64, "PhysicalMemoryBlock"), wide: true);

    /// <summary>
    /// Reads the descriptor of a 32-bit header: NumberOfRuns u32 +0, NumberOfPages u32 +4, runs of
    /// { BasePage u32, PageCount u32 } from +8, at most up to ContextRecord (0x320).
    /// </summary>
    public static PhysicalMemoryDescriptor? Read32(BoundedReader header) =>
        Read(header.Slice(Block32, ContextRecord32 - Block32, "PhysicalMemoryBlock"), wide: false);

    private static PhysicalMemoryDescriptor? Read(BoundedReader block, bool wide)
    {
        var numberOfRuns = block.U32(NumberOfRunsField, "NumberOfRuns");
        if (numberOfRuns == DumpFill.Page) return null;
        var numberOfPages = wide ? block.U64(NumberOfPages64, "NumberOfPages") : block.U32(NumberOfPages32, "NumberOfPages");
        var (runsAt, runSize) = wide ? (Runs64, 16) : (Runs32, 8);
        var maxRuns = (block.Length - runsAt) / runSize;
        if (numberOfRuns > maxRuns)
            throw block.Error(NumberOfRunsField,
                $"PhysicalMemoryBlock.NumberOfRuns is {numberOfRuns}, but at most {maxRuns} runs fit before ContextRecord (0x{block.Origin + block.Length:X})");
        var runs = new PhysicalMemoryRun[numberOfRuns];
        for (var i = 0; i < runs.Length; i++)
        {
            var run = block.Slice(runsAt + i * runSize, runSize, wide ? "PHYSICAL_MEMORY_RUN64" : "PHYSICAL_MEMORY_RUN32");
            runs[i] = wide
                ? new PhysicalMemoryRun(run.U64(BasePage), run.U64(PageCount64, "PageCount"))
                : new PhysicalMemoryRun(run.U32(BasePage), run.U32(PageCount32, "PageCount"));
        }
        return new PhysicalMemoryDescriptor(numberOfRuns, numberOfPages, runs);
    }
}

using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>DumpType 1: the pages of PhysicalMemoryBlock's runs follow the header back to back, in run order.</summary>
internal static class FullDump
{
    public const long PageSize = 0x1000;

    /// <summary>Highest page frame count in the 52-bit physical address space.</summary>
    private const ulong MaxPages = (ulong)(RunTable.MaxPhysicalAddress / PageSize);

    public static RunTable ReadRuns(DumpHeader header, IByteSource source, PhysicalMemoryDescriptor? block, List<string> warnings)
    {
        var file = source.Name;
        if (block is null)
            throw new ImageFormatException(file, header.PhysicalMemoryBlockOffset,
                "PhysicalMemoryBlock.NumberOfRuns holds the 'PAGE' fill: a full dump (DumpType 1) has no run list");
        var mapped = new List<MappedRun>(block.Runs.Count);
        long fileOffset = header.HeaderSize;
        ulong pages = 0;
        for (var i = 0; i < block.Runs.Count; i++)
        {
            var run = block.Runs[i];
            if (run.BasePage > MaxPages || run.PageCount > MaxPages - run.BasePage)
                throw new ImageFormatException(file, header.RunOffset(i),
                    $"PhysicalMemoryBlock.Run[{i}]: BasePage 0x{run.BasePage:X} and PageCount 0x{run.PageCount:X} reach beyond the 52-bit physical address space");
            mapped.Add(new MappedRun((long)run.BasePage * PageSize, (long)run.PageCount * PageSize, fileOffset));
            fileOffset += (long)run.PageCount * PageSize;
            pages += run.PageCount;
        }
        if (pages != block.NumberOfPages)
            warnings.Add($"{file}: PhysicalMemoryBlock.NumberOfPages is {block.NumberOfPages:N0} but its runs hold {pages:N0} pages; the runs are used");
        return RunTable.Validate(mapped, file, source.Length, "PhysicalMemoryBlock", header.PhysicalMemoryBlockOffset);
    }
}

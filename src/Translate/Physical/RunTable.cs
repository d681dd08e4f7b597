namespace MemFs.Translate.Physical;

/// <summary>
/// A validated run list: sorted, not overlapping, every run inside the 2^52-byte physical address space
/// x86-64 allows. Runs that reach past the end of the file are kept (their bytes fail to read) and reported
/// as warnings, because a truncated dump is still evidence worth reading up to where it ends.
/// </summary>
internal sealed class RunTable
{
    /// <summary>x86-64 physical addresses have at most 52 bits.</summary>
    public const long MaxPhysicalAddress = 1L << 52;

    private RunTable(IReadOnlyList<MappedRun> runs, IReadOnlyList<string> warnings)
    {
        Runs = runs;
        Warnings = warnings;
    }

    public IReadOnlyList<MappedRun> Runs { get; }
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Checks <paramref name="runs"/> as read from <paramref name="field"/> of <paramref name="file"/> and throws
    /// <see cref="ImageFormatException"/> for overlaps and impossible addresses.
    /// </summary>
    public static RunTable Validate(IEnumerable<MappedRun> runs, string file, long fileLength, string field, long? fieldOffset = null)
    {
        var sorted = runs.Where(r => r.Length != 0).OrderBy(r => r.Start).ToArray();
        var warnings = new List<string>();
        long? firstUnreadable = null;
        long unreadableBytes = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            var r = sorted[i];
            if (r.Start < 0 || r.Length < 0 || r.Start > MaxPhysicalAddress || r.Length > MaxPhysicalAddress - r.Start)
                throw new ImageFormatException(file, fieldOffset, $"{field}: run at 0x{r.Start:X} of 0x{r.Length:X} bytes lies outside the 52-bit physical address space");
            if (r.SourceOffset < 0 || r.Length > long.MaxValue - r.SourceOffset)
                throw new ImageFormatException(file, fieldOffset, $"{field}: run at 0x{r.Start:X} has an impossible file offset 0x{r.SourceOffset:X}");
            if (i > 0 && sorted[i - 1].End > r.Start)
                throw new ImageFormatException(file, fieldOffset, $"{field}: runs at 0x{sorted[i - 1].Start:X} and 0x{r.Start:X} overlap");
            if (r.SourceOffset + r.Length > fileLength)
            {
                firstUnreadable ??= r.Start + Math.Max(0, fileLength - r.SourceOffset);
                unreadableBytes += r.Length - Math.Clamp(fileLength - r.SourceOffset, 0, r.Length);
            }
        }
        if (firstUnreadable is not null)
            warnings.Add($"{file}: the file ends at 0x{fileLength:X} but {field} places {unreadableBytes:N0} bytes after it, from physical 0x{firstUnreadable:X}: " +
                "the image is truncated and those pages cannot be read");
        return new RunTable(sorted, warnings);
    }

    /// <summary>Backed ranges with adjacent runs merged.</summary>
    public static IReadOnlyList<PhysicalRun> Merge(IEnumerable<MappedRun> sortedRuns)
    {
        var merged = new List<PhysicalRun>();
        foreach (var r in sortedRuns)
        {
            if (merged.Count > 0 && merged[^1].End == r.Start) merged[^1] = merged[^1] with { Length = merged[^1].Length + r.Length };
            else merged.Add(new PhysicalRun(r.Start, r.Length));
        }
        return merged;
    }
}

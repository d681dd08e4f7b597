namespace MemFs.Translate.Physical;

public static class PhysicalReads
{
    /// <summary>
    /// Reads a range; with <paramref name="zeroHoles"/> the parts outside the image's runs read as zeros
    /// (an explicit choice of the caller), otherwise a hole is an error like any other missing byte. Only the holes are
    /// zeroed: a range inside one run is read once, with no pass over the destination before it.
    /// </summary>
    public static void Read(IPhysicalMemory memory, long address, Span<byte> destination, bool zeroHoles)
    {
        if (!zeroHoles)
        {
            memory.Read(address, destination);
            return;
        }
        var runs = memory.Runs;
        var end = address + destination.Length;
        var at = address;
        for (var i = FirstRunEndingAfter(runs, address); i < runs.Count && at < end; i++)
        {
            var run = runs[i];
            if (run.Start >= end) break;
            var from = Math.Max(run.Start, at);
            var to = Math.Min(run.End, end);
            destination[(int)(at - address)..(int)(from - address)].Clear();
            memory.Read(from, destination.Slice((int)(from - address), (int)(to - from)));
            at = to;
        }
        destination[(int)(at - address)..].Clear();
    }

    /// <summary>The index of the first run (sorted, not overlapping) that ends after <paramref name="address"/>; Count when none does.</summary>
    private static int FirstRunEndingAfter(IReadOnlyList<PhysicalRun> runs, long address)
    {
        int low = 0, high = runs.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (runs[middle].End <= address) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}

namespace MemFs.Translate.Physical;

public static class PhysicalReads
{
    /// <summary>
    /// Reads a range; with <paramref name="zeroHoles"/> the parts outside the image's runs read as zeros
    /// (an explicit choice of the caller), otherwise a hole is an error like any other missing byte.
    /// </summary>
    public static void Read(IPhysicalMemory memory, long address, Span<byte> destination, bool zeroHoles)
    {
        if (!zeroHoles)
        {
            memory.Read(address, destination);
            return;
        }
        destination.Clear();
        var end = address + destination.Length;
        foreach (var run in memory.Runs)
        {
            if (run.End <= address) continue;
            if (run.Start >= end) break;
            var from = Math.Max(run.Start, address);
            var to = Math.Min(run.End, end);
            memory.Read(from, destination.Slice((int)(from - address), (int)(to - from)));
        }
    }
}

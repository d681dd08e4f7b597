using System.Buffers.Binary;

namespace MemFs.Tests.Translate.Paging;

/// <summary>
/// A raw x64 image of one virtual region whose pages lie at chosen physical frames (in order, or shuffled as a
/// long-running machine leaves them): page i holds the 64-bit number i at its start; the PML4, PDPT, PD and the page
/// tables follow at <c>tablesAt</c>, every entry present, writable, user (0x67).
/// </summary>
public static class FramedRegion
{
    /// <summary>The raw image bytes; <paramref name="dtb"/> is the PML4's address.</summary>
    public static byte[] Build(ulong region, IReadOnlyList<long> frames, long tablesAt, out long dtb)
    {
        var tables = (frames.Count + 511) / 512;
        if (tables > 512) throw new ArgumentOutOfRangeException(nameof(frames), "one page directory (1 GiB) at most");
        var raw = new byte[tablesAt + (3 + tables) * 4096L];
        for (var i = 0; i < frames.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan((int)frames[i]), i);
        long pml4 = tablesAt, pdpt = tablesAt + 0x1000, pd = tablesAt + 0x2000, pt0 = tablesAt + 0x3000;
        void Entry(long table, ulong va, int level, long target) =>
            BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan((int)(table + (long)((va >> (12 + 9 * level)) & 0x1FF) * 8)), (ulong)target | 0x67);
        Entry(pml4, region, 3, pdpt);
        Entry(pdpt, region, 2, pd);
        for (var t = 0; t < tables; t++) Entry(pd, region + (ulong)t * (2 << 20), 1, pt0 + t * 4096L);
        for (var i = 0; i < frames.Count; i++) Entry(pt0 + i / 512 * 4096L, region + (ulong)i * 4096, 0, frames[i]);
        dtb = pml4;
        return raw;
    }
}

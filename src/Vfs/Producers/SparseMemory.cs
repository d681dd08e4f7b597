using MemFs.Translate.Paging;

namespace MemFs.Vfs.Producers;

/// <summary>
/// A sparse file over an address space: file offset o is virtual address <c>origin + o</c>, the sorted data ranges
/// (file offsets) say what is mapped, and inside them each page is data or a hole as the same translation that serves
/// reads says (a process's vmem and regions, the kernel's vmem).
/// </summary>
internal static class SparseMemory
{
    /// <summary>SEEK_DATA from <paramref name="offset"/> within <paramref name="ranges"/>: the first page that is not a hole, or null.</summary>
    public static long? SeekData(VirtualMemory memory, ulong origin, IReadOnlyList<(long Start, long End)> ranges, long offset)
    {
        for (var i = Ranges.FirstEndingAfter(ranges, offset); i < ranges.Count; i++)
        {
            var (start, stop) = ranges[i];
            var from = Math.Max(start, offset);
            if (VadPages.TooLarge((ulong)start, (ulong)stop - 1)) return from;
            var found = Scan(memory, origin, from, stop, page => !memory.IsHole(page));
            if (found < stop) return found;
        }
        return null;
    }

    /// <summary>SEEK_HOLE from <paramref name="offset"/>: the first hole page, or the end of the last range when none
    /// (the gaps between <paramref name="ranges"/> are holes).</summary>
    public static long SeekHole(VirtualMemory memory, ulong origin, IReadOnlyList<(long Start, long End)> ranges, long offset)
    {
        var position = offset;
        for (var i = Ranges.FirstEndingAfter(ranges, offset); i < ranges.Count; i++)
        {
            var (start, stop) = ranges[i];
            if (start > position) return position;
            if (!VadPages.TooLarge((ulong)start, (ulong)stop - 1))
            {
                var found = Scan(memory, origin, position, stop, page => memory.IsHole(page));
                if (found < stop) return found;
            }
            position = stop;
        }
        return position;
    }

    /// <summary>Reads at <paramref name="offset"/>: outside the ranges is a hole (zeros); inside, the translator's bytes,
    /// holes or an error as the memory's policy says.</summary>
    public static void Read(VirtualMemory memory, ulong origin, IReadOnlyList<(long Start, long End)> ranges, long offset, Span<byte> destination)
    {
        destination.Clear();
        var end = offset + destination.Length;
        for (var i = Ranges.FirstEndingAfter(ranges, offset); i < ranges.Count; i++)
        {
            var (start, stop) = ranges[i];
            if (start >= end) break;
            var from = Math.Max(start, offset);
            var to = Math.Min(stop, end);
            memory.Read(origin + (ulong)from, destination.Slice((int)(from - offset), (int)(to - from)));
        }
    }

    /// <summary>The offset of the first page in [<paramref name="from"/>, <paramref name="stop"/>) for which
    /// <paramref name="stopAt"/> holds (at least from), or stop; computed in offsets, so origin + stop may be 2^64.</summary>
    private static long Scan(VirtualMemory memory, ulong origin, long from, long stop, Func<Resolution, bool> stopAt)
    {
        var first = from & ~0xFFFL;
        var pages = (stop - first + 0xFFF) >> 12;
        var passed = VadPages.Scan(memory, origin + (ulong)first, pages, (_, page) => !stopAt(page));
        return passed == pages ? stop : Math.Max(first + passed * 4096, from);
    }
}

using MemFs.Translate.Paging;

namespace MemFs.Vfs.Producers;

/// <summary>
/// Walks the pages of an address range in order, translated in batches by the same translation that serves reads
/// (vadmap.txt, coverage.txt and SEEK_DATA/SEEK_HOLE all see what a read sees).
/// </summary>
internal static class VadPages
{
    /// <summary>VADs larger than this many pages (4 GiB) are not classified page by page: they are reserved address
    /// space (the CFG bitmap, large heaps) whose walk would take minutes.</summary>
    public const long MaxPagesPerVad = 1 << 20;

    private const int Batch = 512;

    public static bool TooLarge(ulong start, ulong endInclusive) => ((endInclusive - start + 1) >> 12) > MaxPagesPerVad;

    /// <summary>Visits the pages of [<paramref name="from"/>, <paramref name="end"/>) (from is rounded down to its page)
    /// until <paramref name="visit"/> returns false; returns the address of that page (at least from), or end.</summary>
    public static ulong Scan(VirtualMemory memory, ulong from, ulong end, Func<ulong, Resolution, bool> visit)
    {
        var first = from & ~0xFFFUL;
        if (end <= first) return end;
        var pages = (long)((end - first + 0xFFF) >> 12);
        var visited = Scan(memory, first, pages, visit);
        return visited == pages ? end : Math.Max(first + (ulong)visited * 4096, from);
    }

    /// <summary>Visits <paramref name="pages"/> pages from <paramref name="firstPage"/> until <paramref name="visit"/>
    /// returns false; returns how many it passed (pages when none stopped it). The last page may be the last of the
    /// address space (the kernel's 0xFFFFFFFFFFFFF000): nothing is computed past it.</summary>
    public static long Scan(VirtualMemory memory, ulong firstPage, long pages, Func<ulong, Resolution, bool> visit)
    {
        var batch = new Resolution[Batch];
        var done = 0L;
        while (done < pages)
        {
            var count = (int)Math.Min(Batch, pages - done);
            var page = firstPage + (ulong)done * 4096;
            memory.Translator.TranslatePages(memory.Dtb, page, batch.AsSpan(0, count), memory.Vads);
            for (var i = 0; i < count; i++, done++)
                if (!visit(firstPage + (ulong)done * 4096, batch[i])) return done;
        }
        return pages;
    }
}

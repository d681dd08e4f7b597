using MemFs.Aff4.Caching;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Cache;

/// <summary>
/// A file produced in pages through the shared bounded page cache: each 64 KiB page is produced once, concurrent
/// readers of a missing page wait for one producer, and a page that fails is not cached (the next read tries again).
/// A read that covers whole pages none of which is cached is produced straight into the caller's buffer, uncached.
/// When a page cannot be produced whole, the bytes asked for are read directly, so one bad 4 KiB page fails only
/// the reads that include it, never its neighbours.
/// </summary>
public abstract class CachedFile(string name, ChunkCache cache) : VfsFile(name)
{
    public const int PageSize = 64 * 1024;

    /// <summary>Reads <paramref name="destination"/>.Length bytes at <paramref name="offset"/> (within the file) without the
    /// cache; throws an IOException naming the bad part when it cannot.</summary>
    protected abstract void ReadUncached(long offset, Span<byte> destination);

    public override int Read(long offset, Span<byte> destination)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
        if (offset >= Length) return 0;
        var total = (int)Math.Min(destination.Length, Length - offset);
        var done = 0;
        while (done < total)
        {
            var at = offset + done;
            var index = at / PageSize;
            var inPage = (int)(at - index * PageSize);
            if (UncachedWholePages(index, inPage, total - done) is var whole and > 0)
            {
                // Sequential bulk reads (the kernel's readahead, cat, cp) go straight to the producer: copying them
                // through the cache would evict the pages random readers need, and the mount's kernel page cache
                // keeps them anyway.
                ReadUncached(at, destination.Slice(done, whole * PageSize));
                done += whole * PageSize;
                continue;
            }
            byte[] page;
            try
            {
                page = cache.GetOrAdd(new ChunkKey(this, index), (file: this, index), static s => s.file.ProducePage(s.index));
            }
            catch (IOException)
            {
                var piece = Math.Min(total - done, PageLength(index) - inPage);
                ReadUncached(at, destination.Slice(done, piece));
                done += piece;
                continue;
            }
            var n = Math.Min(total - done, page.Length - inPage);
            page.AsSpan(inPage, n).CopyTo(destination[done..]);
            done += n;
        }
        return total;
    }

    /// <summary>How many whole pages from <paramref name="index"/> the read covers without any of them being cached (0 when it starts inside a page or the first is cached).</summary>
    private int UncachedWholePages(long index, int inPage, int remaining)
    {
        if (inPage != 0) return 0;
        var pages = 0;
        while ((pages + 1) * PageSize <= remaining && PageLength(index + pages) == PageSize && !cache.Contains(new ChunkKey(this, index + pages))) pages++;
        return pages;
    }

    private byte[] ProducePage(long index)
    {
        var page = new byte[PageLength(index)];
        ReadUncached(index * PageSize, page);
        return page;
    }

    /// <summary>The length of page <paramref name="index"/>.</summary>
    private int PageLength(long index) => (int)Math.Min(PageSize, Length - index * PageSize);
}

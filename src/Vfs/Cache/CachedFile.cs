using MemFs.Aff4.Caching;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Cache;

/// <summary>
/// A file produced in pages through the shared bounded page cache: each 64 KiB page is produced once, concurrent
/// readers of a missing page wait for one producer, and a page that fails is not cached (the next read tries again).
/// When a page cannot be produced whole, the bytes asked for are read directly, so one bad 4 KiB page fails only
/// the reads that include it, never its neighbours.
/// </summary>
public abstract class CachedFile(string name, ChunkCache cache) : VfsFile(name)
{
    public const int PageSize = 64 * 1024;

    /// <summary>Produces page <paramref name="index"/> (the last page may be shorter). Throws IOException when it cannot.</summary>
    protected abstract byte[] ProducePage(long index);

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
            byte[] page;
            try
            {
                page = cache.GetOrAdd(new ChunkKey(this, index), (file: this, index), static s => s.file.ProducePage(s.index));
            }
            catch (IOException)
            {
                var piece = Math.Min(total - done, PageLength(index) - inPage);
                ReadDirect(at, destination.Slice(done, piece));
                done += piece;
                continue;
            }
            var n = Math.Min(total - done, page.Length - inPage);
            if (n <= 0) throw new IOException($"{Name}: page {index} is shorter than the file says");
            page.AsSpan(inPage, n).CopyTo(destination[done..]);
            done += n;
        }
        return total;
    }

    /// <summary>Reads a range within one page without the cache; throws IOException naming the bad part. By default the
    /// page is the smallest unit (the producer's exception is rethrown).</summary>
    protected virtual void ReadDirect(long offset, Span<byte> destination) =>
        ProducePage(offset / PageSize).AsSpan((int)(offset % PageSize), destination.Length).CopyTo(destination);

    /// <summary>The length of page <paramref name="index"/>.</summary>
    protected int PageLength(long index) => (int)Math.Min(PageSize, Length - index * PageSize);
}

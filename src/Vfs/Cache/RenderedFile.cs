using MemFs.Aff4.Caching;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Cache;

/// <summary>
/// A file rendered whole (a picture, a report over a whole image) and kept in the shared bounded page cache, not in
/// the tree: when the cache evicts it, the next read renders it again. Rendering must be deterministic; the length
/// is remembered after the first rendering so listings stay cheap.
/// </summary>
internal sealed class RenderedFile(string name, Func<byte[]> render, ChunkCache cache) : VfsFile(name)
{
    private long _length = -1;

    public override long Length
    {
        get
        {
            var known = Interlocked.Read(ref _length);
            return known >= 0 ? known : Bytes().LongLength;
        }
    }

    public override bool LengthKnown => Interlocked.Read(ref _length) >= 0;

    public override int Read(long offset, Span<byte> destination)
    {
        var bytes = Bytes();
        if (offset >= bytes.Length) return 0;
        var n = (int)Math.Min(destination.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, n).CopyTo(destination);
        return n;
    }

    private byte[] Bytes()
    {
        var bytes = cache.GetOrAdd(new ChunkKey(this, 0), render, static r => r());
        Interlocked.Exchange(ref _length, bytes.LongLength);
        return bytes;
    }
}

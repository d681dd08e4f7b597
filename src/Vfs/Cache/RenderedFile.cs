using MemFs.Aff4.Caching;
using MemFs.Vfs.Tree;

namespace MemFs.Vfs.Cache;

/// <summary>
/// A file rendered whole (a picture, a report over a whole image) and kept in the shared bounded page cache, not in
/// the tree: when the cache evicts it, the next read renders it again. Rendering must be deterministic; the length
/// is remembered after the first rendering so listings stay cheap.
/// </summary>
internal sealed class RenderedFile(string name, Func<byte[]> render, ChunkCache cache) : WholeFile(name)
{
    protected override byte[] Bytes() => cache.GetOrAdd(new ChunkKey(this, 0), render, static r => Produce(r));
}

using MemFs.Aff4.Caching;
using MemFs.Translate.Extended;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Producers;

/// <summary>A pagefile or acquired file as the extended physical space serves it (/image/pagefiles, /image/files).</summary>
public sealed class ExtendedSourceFile(string name, IExtendedSpace space, ExtendedLocation start, long length, ChunkCache cache) : CachedFile(name, cache)
{
    public override long Length => length;

    protected override byte[] ProducePage(long index)
    {
        var page = new byte[PageLength(index)];
        space.Read(start.Plus(index * PageSize), page);
        return page;
    }
}

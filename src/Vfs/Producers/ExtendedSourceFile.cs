using MemFs.Aff4.Caching;
using MemFs.Translate.Extended;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Producers;

/// <summary>A pagefile or acquired file as the extended physical space serves it (/image/pagefiles, /image/files).</summary>
internal sealed class ExtendedSourceFile(string name, IExtendedSpace space, ExtendedLocation start, long length, ChunkCache cache) : CachedFile(name, cache)
{
    public override long Length => length;

    protected override void ReadUncached(long offset, Span<byte> destination) => space.Read(start.Plus(offset), destination);
}

using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Executables;

/// <summary>memory.bin: the image as mapped, from its base for SizeOfImage bytes (memory layout), through the page cache.</summary>
public sealed class MemoryImageFile(RecoveredImage image, ChunkCache cache) : CachedFile("memory.bin", cache)
{
    public override long Length => image.Image.Size;

    protected override void ReadUncached(long offset, Span<byte> destination) => image.Image.Read(offset, destination);
}

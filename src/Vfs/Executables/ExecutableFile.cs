using MemFs.Aff4.Caching;
using MemFs.Vfs.Cache;

namespace MemFs.Vfs.Executables;

/// <summary>executable.exe: the image rebuilt in file layout (<see cref="ExecutableLayout"/>), through the page cache.</summary>
public sealed class ExecutableFile(RecoveredImage image, ChunkCache cache) : CachedFile("executable.exe", cache)
{
    public override long Length => image.Layout.Length;

    protected override void ReadUncached(long offset, Span<byte> destination) => image.ReadExecutable(offset, destination);
}

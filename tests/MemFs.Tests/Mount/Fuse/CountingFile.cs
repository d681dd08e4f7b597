using System.Collections.Concurrent;
using MemFs.Vfs.Tree;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>Wraps a file and records the size of every read the host asks for (one per FUSE READ request).</summary>
public sealed class CountingFile(VfsFile inner) : VfsFile(inner.Name)
{
    public ConcurrentDictionary<int, int> RequestSizes { get; } = new();

    public override long Length => inner.Length;

    public override long AllocatedBytes => inner.AllocatedBytes;

    public override int Read(long offset, Span<byte> destination)
    {
        RequestSizes.AddOrUpdate(destination.Length, 1, (_, n) => n + 1);
        return inner.Read(offset, destination);
    }
}

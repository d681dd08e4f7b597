using MemFs.Translate.Physical.Sources;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>A test-built image in memory, named like a file so messages can be checked.</summary>
internal sealed class MemoryByteSource(string name, byte[] bytes) : IByteSource
{
    public string Name { get; } = name;
    public long Length => bytes.Length;
    public bool Disposed { get; private set; }

    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= bytes.Length) return 0;
        var n = (int)Math.Min(destination.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, n).CopyTo(destination);
        return n;
    }

    public void Dispose() => Disposed = true;
}

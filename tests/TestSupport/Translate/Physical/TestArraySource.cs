using MemFs.Translate.Physical.Sources;

namespace MemFs.Tests.Translate.Physical;

/// <summary>A byte array as an evidence source, for images built in memory by tests.</summary>
internal sealed class TestArraySource(byte[] bytes, string name = "test.img") : IByteSource
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

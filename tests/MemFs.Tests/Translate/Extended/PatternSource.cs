using MemFs.Translate.Physical.Sources;

namespace MemFs.Tests.Translate.Extended;

/// <summary>
/// A source of any length whose bytes are computed from the source's seed and the offset, so large pagefiles
/// and files cost no memory and every misplaced byte shows.
/// </summary>
internal sealed class PatternSource(string name, long length, int seed) : IByteSource
{
    public string Name { get; } = name;
    public long Length { get; } = length;
    public bool Disposed { get; private set; }

    public static byte ByteAt(int seed, long offset) => (byte)(offset * 31 + (offset >> 12) * 7 + seed * 101 + 3);

    public static byte[] Bytes(int seed, long offset, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++) bytes[i] = ByteAt(seed, offset + i);
        return bytes;
    }

    public int Read(long offset, Span<byte> destination)
    {
        var n = (int)Math.Clamp(Length - offset, 0, destination.Length);
        for (var i = 0; i < n; i++) destination[i] = ByteAt(seed, offset + i);
        return n;
    }

    public void Dispose() => Disposed = true;
}

using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>The value of a resident attribute (small files live inside their MFT record).</summary>
internal sealed class NtfsResidentStream(string name, byte[] value) : IByteSource
{
    public string Name { get; } = name;
    public long Length => value.Length;

    public int Read(long offset, Span<byte> destination)
    {
        if (offset < 0) throw new ArgumentOutOfRangeException(nameof(offset));
        if (offset >= value.Length) return 0;
        var n = (int)Math.Min(destination.Length, value.Length - offset);
        value.AsSpan((int)offset, n).CopyTo(destination);
        return n;
    }

    public void Dispose() { }
}

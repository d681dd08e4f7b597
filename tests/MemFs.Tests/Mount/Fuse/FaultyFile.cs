using MemFs.Vfs.Tree;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>A pattern file whose one 4 KiB page at <see cref="BadOffset"/> cannot be read (a page missing from the image).</summary>
public sealed class FaultyFile(string name) : VfsFile(name)
{
    public const long Size = 8L << 20;
    public const long BadOffset = 3L << 20;
    public const int BadLength = 4096;

    public override long Length => Size;

    public override int Read(long offset, Span<byte> destination)
    {
        if (offset >= Size) return 0;
        var count = (int)Math.Min(destination.Length, Size - offset);
        if (offset < BadOffset + BadLength && offset + count > BadOffset)
            throw new IOException($"page 0x{BadOffset:x} is not in the image");
        PatternFile.Fill(offset, destination[..count]);
        return count;
    }
}

using System.Text;

namespace MemFs.Vfs.Tree;

/// <summary>A file whose bytes are in memory before it is listed (a constant text): its size is known, nothing is produced.</summary>
internal sealed class KnownBytesFile(string name, byte[] bytes) : VfsFile(name)
{
    public static KnownBytesFile Text(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    public override long Length => bytes.LongLength;

    public override int Read(long offset, Span<byte> destination) => ReadFrom(bytes, offset, destination);
}

using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Tree;

/// <summary>A file whose bytes are produced once, on first use (text reports, small files), then kept; a failed production is retried on the next read.</summary>
internal sealed class BytesFile(string name, Func<byte[]> produce) : VfsFile(name)
{
    private readonly RetryingLazy<byte[]> _bytes = new(produce);

    public static BytesFile Text(string name, Func<string> text) => new(name, () => System.Text.Encoding.UTF8.GetBytes(text()));

    public override long Length => _bytes.Value.LongLength;

    public override int Read(long offset, Span<byte> destination)
    {
        var bytes = _bytes.Value;
        if (offset >= bytes.Length) return 0;
        var n = (int)Math.Min(destination.Length, bytes.Length - offset);
        bytes.AsSpan((int)offset, n).CopyTo(destination);
        return n;
    }
}

using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Tree;

/// <summary>A file whose bytes are produced once, on first use (text reports, small files), then kept; a failed production is retried on the next read.</summary>
internal sealed class BytesFile : WholeFile
{
    private readonly RetryingLazy<byte[]> _bytes;

    public BytesFile(string name, Func<byte[]> produce) : base(name) => _bytes = new(() => Produce(produce));

    public static BytesFile Text(string name, Func<string> text) => new(name, () => System.Text.Encoding.UTF8.GetBytes(text()));

    protected override byte[] Bytes() => _bytes.Value;
}

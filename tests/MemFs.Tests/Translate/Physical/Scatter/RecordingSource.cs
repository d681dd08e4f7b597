using MemFs.Translate.Physical.Sources;

namespace MemFs.Tests.Translate.Physical.Scatter;

/// <summary>
/// Bytes in memory that record every read and every read-ahead hint, and fail (IOException) any read that touches
/// one of the <see cref="Bad"/> offsets, as a damaged sector of an evidence file would. Thread-safe.
/// </summary>
internal sealed class RecordingSource(byte[] bytes, string name = "recorded.img") : IByteSource
{
    private readonly Lock _lock = new();
    private readonly List<(long Offset, int Length)> _reads = [];
    private readonly List<(long Offset, long Length)> _hints = [];

    public string Name { get; } = name;
    public long Length => bytes.Length;
    public HashSet<long> Bad { get; } = [];

    /// <summary>What <see cref="MustFetch"/> says of every offset: null (cannot tell), or whether it waits for a disk.</summary>
    public bool? MustFetchAnswer { get; set; }

    public bool? MustFetch(long offset) => MustFetchAnswer;

    public IReadOnlyList<(long Offset, int Length)> Reads
    {
        get
        {
            lock (_lock) return [.. _reads];
        }
    }

    public IReadOnlyList<(long Offset, long Length)> Hints
    {
        get
        {
            lock (_lock) return [.. _hints];
        }
    }

    public int Read(long offset, Span<byte> destination)
    {
        lock (_lock) _reads.Add((offset, destination.Length));
        var end = offset + destination.Length;
        if (Bad.Any(b => b >= offset && b < end)) throw new IOException($"{Name}: bad sector in 0x{destination.Length:X} bytes at 0x{offset:X}");
        var n = (int)Math.Clamp(bytes.Length - offset, 0, destination.Length);
        bytes.AsSpan((int)offset, n).CopyTo(destination);
        return n;
    }

    public void WillNeed(long offset, long length)
    {
        lock (_lock) _hints.Add((offset, length));
    }

    public void Dispose()
    {
    }
}

using Microsoft.Win32.SafeHandles;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Benchmarks.Translate;

/// <summary>
/// The physical limit of a scattered read: the same frames read straight from the file the best way a direct reader
/// can. The frames are sorted and neighbours merged (up to 1 MiB a read); the reads are announced to the kernel
/// (posix_fadvise WILLNEED, so a cold disk sees them queued at once) in batches of <see cref="Window"/>, the next batch
/// announced before the current one is read, and <see cref="InFlight"/> positional reads run at a time, taking the
/// reads in file order.
/// </summary>
internal sealed class DirectScatteredRead
{
    private const int MaxRead = 1 << 20;

    private readonly SafeFileHandle _file;
    private readonly (long Offset, int Length)[] _reads;
    private readonly byte[][] _buffers;

    public DirectScatteredRead(SafeFileHandle file, ReadOnlySpan<long> frames, int frameSize, int inFlight, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        _file = file;
        Window = window;
        var sorted = frames.ToArray();
        Array.Sort(sorted);
        var reads = new List<(long Offset, int Length)>();
        foreach (var frame in sorted)
        {
            if (reads.Count > 0 && reads[^1] is var (at, length) && at + length == frame && length + frameSize <= MaxRead) reads[^1] = (at, length + frameSize);
            else reads.Add((frame, frameSize));
        }
        _reads = [.. reads];
        _buffers = [.. Enumerable.Range(0, inFlight).Select(_ => new byte[MaxRead])];
    }

    /// <summary>Positional reads in flight at once.</summary>
    public int InFlight => _buffers.Length;

    /// <summary>Reads announced with WILLNEED at a time (0: none announced).</summary>
    public int Window { get; }

    /// <summary>Reads every frame once; returns the bytes read.</summary>
    public long Read()
    {
        var batch = Window == 0 ? _reads.Length : Window;
        Announce(0, batch);
        long total = 0;
        for (var start = 0; start < _reads.Length; start += batch)
        {
            Announce(start + batch, batch);
            total += ReadBatch(start, Math.Min(batch, _reads.Length - start));
        }
        return total;
    }

    private void Announce(int start, int count)
    {
        if (Window == 0) return;
        for (var k = start; k < Math.Min(start + count, _reads.Length); k++) FileAdvice.WillNeed(_file, _reads[k].Offset, _reads[k].Length);
    }

    private long ReadBatch(int start, int count)
    {
        var next = start - 1;
        long total = 0;
        Parallel.For(0, _buffers.Length, new ParallelOptions { MaxDegreeOfParallelism = _buffers.Length }, worker =>
        {
            long read = 0;
            for (var k = Interlocked.Increment(ref next); k < start + count; k = Interlocked.Increment(ref next))
            {
                var (offset, length) = _reads[k];
                RandomAccess.Read(_file, _buffers[worker].AsSpan(0, length), offset);
                read += length;
            }
            Interlocked.Add(ref total, read);
        });
        return total;
    }
}

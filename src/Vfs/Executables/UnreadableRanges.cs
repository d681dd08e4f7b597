namespace MemFs.Vfs.Executables;

/// <summary>
/// Reads that give up page by page instead of as a whole: when a read fails (the evidence behind some page shrank,
/// vanished or is damaged while mounted), each 4 KiB page of it is read alone, a page that still fails is zero-filled
/// and recorded with why, and the rest is kept. What recovery.txt and the pictures are made from, so one bad page
/// is reported instead of failing the whole file.
/// </summary>
internal sealed class UnreadableRanges
{
    private const int PageSize = 4096;

    /// <summary>No more ranges than this are kept; <see cref="Bytes"/> counts all.</summary>
    public const int MaxListed = 200;

    public sealed record Range(string File, long Offset, long Length, string Reason)
    {
        public long End => Offset + Length;
    }

    private readonly List<Range> _ranges = [];

    public IReadOnlyList<Range> Ranges => _ranges;
    public long Bytes { get; private set; }

    /// <summary>Fills <paramref name="destination"/> with <paramref name="read"/> at <paramref name="offset"/> of <paramref name="file"/>, page by page after a failure.</summary>
    public void Read(string file, long offset, Span<byte> destination, Action<long, Span<byte>> read)
    {
        try
        {
            read(offset, destination);
            return;
        }
        catch (IOException)
        {
            // Retried page by page below: only the pages that still fail are lost.
        }
        for (var done = 0; done < destination.Length;)
        {
            var at = offset + done;
            var page = destination.Slice(done, (int)Math.Min(destination.Length - done, PageSize - at % PageSize));
            try
            {
                read(at, page);
            }
            catch (IOException e)
            {
                page.Clear();
                Add(new Range(file, at, page.Length, e.Message));
            }
            done += page.Length;
        }
    }

    /// <summary>The recorded ranges (of the listed ones) of either file that overlap <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    public List<Range> Overlapping(long offset, long length, string file, string otherFile) =>
        _ranges.FindAll(r => r.Offset < offset + length && r.End > offset && (r.File == file || r.File == otherFile));

    /// <summary>Whether <paramref name="offset"/> lies in one of <paramref name="ranges"/>.</summary>
    public static bool Cover(List<Range> ranges, long offset)
    {
        foreach (var r in ranges)
            if (offset >= r.Offset && offset < r.End) return true;
        return false;
    }

    private void Add(Range range)
    {
        Bytes += range.Length;
        if (_ranges.Count > 0 && _ranges[^1] is var last && last.File == range.File && last.End == range.Offset && last.Reason == range.Reason)
            _ranges[^1] = last with { Length = last.Length + range.Length };
        else if (_ranges.Count < MaxListed) _ranges.Add(range);
    }
}

namespace MemFs.Vfs.Producers;

/// <summary>SEEK_DATA/SEEK_HOLE over a sorted list of non-overlapping data ranges [Start, End).</summary>
internal static class Ranges
{
    /// <summary>The index of the first range that ends after <paramref name="offset"/> (data.Count when none does).</summary>
    public static int FirstEndingAfter(IReadOnlyList<(long Start, long End)> data, long offset)
    {
        int low = 0, high = data.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (data[mid].End <= offset) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    public static long? SeekData(IReadOnlyList<(long Start, long End)> data, long offset, long length)
    {
        if (offset >= length) return null;
        var i = FirstEndingAfter(data, offset);
        return i < data.Count ? Math.Max(data[i].Start, offset) : null;
    }

    public static long? SeekHole(IReadOnlyList<(long Start, long End)> data, long offset, long length)
    {
        if (offset >= length) return null;
        var position = offset;
        for (var i = FirstEndingAfter(data, offset); i < data.Count; i++)
        {
            var (start, end) = data[i];
            if (start > position) return position;
            position = end;
        }
        return Math.Min(position, length);
    }
}

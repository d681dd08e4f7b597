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

    /// <summary>The index of the last of <paramref name="items"/> (sorted by <paramref name="start"/>, the first starting at
    /// or before <paramref name="offset"/>) that starts at or before <paramref name="offset"/>.</summary>
    public static int LastStartingAtOrBefore<T>(IReadOnlyList<T> items, Func<T, long> start, long offset)
    {
        int low = 0, high = items.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (start(items[mid]) <= offset) low = mid;
            else high = mid - 1;
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

namespace MemFs.Vfs.Producers;

/// <summary>SEEK_DATA/SEEK_HOLE over a sorted list of data ranges [Start, End).</summary>
public static class Ranges
{
    public static long? SeekData(IReadOnlyList<(long Start, long End)> data, long offset, long length)
    {
        if (offset >= length) return null;
        foreach (var (start, end) in data)
        {
            if (end <= offset) continue;
            return Math.Max(start, offset);
        }
        return null;
    }

    public static long? SeekHole(IReadOnlyList<(long Start, long End)> data, long offset, long length)
    {
        if (offset >= length) return null;
        var position = offset;
        foreach (var (start, end) in data)
        {
            if (end <= position) continue;
            if (start > position) return position;
            position = end;
        }
        return Math.Min(position, length);
    }
}

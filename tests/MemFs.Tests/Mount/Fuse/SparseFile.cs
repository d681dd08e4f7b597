using System.Text;
using MemFs.Vfs.Tree;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>
/// A 1 GiB file with data only in two 1 MiB ranges (64-byte "NEEDLE" lines), zeros elsewhere; it says so through
/// SeekData/SeekHole and AllocatedBytes like a process's vmem.
/// </summary>
public sealed class SparseFile(string name) : VfsFile(name)
{
    public const long Size = 1L << 30;
    public const int RangeLength = 1 << 20;
    public const int LineLength = 64;
    public static readonly long[] RangeStarts = [64L << 20, 900L << 20];

    public override long Length => Size;

    public override long AllocatedBytes => RangeStarts.Length * (long)RangeLength;

    public static int NeedleLines => RangeStarts.Length * RangeLength / LineLength;

    public override int Read(long offset, Span<byte> destination)
    {
        if (offset >= Size) return 0;
        var count = (int)Math.Min(destination.Length, Size - offset);
        Fill(offset, destination[..count]);
        return count;
    }

    public static byte[] Expected(long offset, int count)
    {
        var bytes = new byte[count];
        Fill(offset, bytes);
        return bytes;
    }

    public override long? SeekData(long offset)
    {
        if (offset >= Size) return null;
        foreach (var start in RangeStarts)
        {
            if (offset < start) return start;
            if (offset < start + RangeLength) return offset;
        }
        return null;
    }

    public override long? SeekHole(long offset)
    {
        if (offset >= Size) return null;
        foreach (var start in RangeStarts)
            if (offset >= start && offset < start + RangeLength) return start + RangeLength;
        return offset;
    }

    private static void Fill(long offset, Span<byte> destination)
    {
        destination.Clear();
        foreach (var start in RangeStarts)
        {
            var from = Math.Max(offset, start);
            var to = Math.Min(offset + destination.Length, start + RangeLength);
            if (from >= to) continue;
            for (var line = from - from % LineLength; line < to; line += LineLength)
            {
                var bytes = Line(line);
                var a = Math.Max(from, line);
                var b = Math.Min(to, line + LineLength);
                bytes.AsSpan((int)(a - line), (int)(b - a)).CopyTo(destination[(int)(a - offset)..]);
            }
        }
    }

    private static byte[] Line(long lineStart) =>
        Encoding.ASCII.GetBytes($"NEEDLE at {lineStart:x16}".PadRight(LineLength - 1) + "\n");
}

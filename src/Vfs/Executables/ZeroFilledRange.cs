namespace MemFs.Vfs.Executables;

/// <summary>A stretch of executable.exe that holds zeros because its bytes were neither in memory nor on disk.</summary>
public readonly record struct ZeroFilledRange(long Offset, long Length, string Part, string Reason)
{
    public long End => Offset + Length;

    /// <summary>The zero-filled stretches of executable.exe, adjacent ones with the same part and reason merged.</summary>
    public static IReadOnlyList<ZeroFilledRange> Of(RecoveredImage image)
    {
        var ranges = new List<ZeroFilledRange>();
        foreach (var piece in image.Layout.Pieces)
        {
            if (piece.Source == PieceSource.Missing)
            {
                Add(ranges, new ZeroFilledRange(piece.Offset, piece.Length, piece.Part,
                    image.Disk is null ? $"not mapped in memory; no file on disk ({image.DiskMissing})" : "not mapped in memory; past the end of the file on disk"));
                continue;
            }
            if (piece.Source != PieceSource.Image) continue;
            for (var at = piece.Offset; at < piece.End;)
            {
                var rva = piece.SourceOffset + (at - piece.Offset);
                var pageEnd = Math.Min(piece.End, at + (4096 - rva % 4096));
                var page = image.Image.PageAt(rva);
                if (page.Origin == PageOrigin.ZeroFilled) Add(ranges, new ZeroFilledRange(at, pageEnd - at, piece.Part, page.Describe()));
                at = pageEnd;
            }
        }
        return ranges;
    }

    private static void Add(List<ZeroFilledRange> ranges, ZeroFilledRange range)
    {
        if (ranges.Count > 0 && ranges[^1] is var last && last.End == range.Offset && last.Part == range.Part && last.Reason == range.Reason)
            ranges[^1] = last with { Length = last.Length + range.Length };
        else ranges.Add(range);
    }
}

namespace MemFs.Vfs.Executables;

/// <summary>A stretch of executable.exe that holds zeros because its bytes were neither in memory nor on disk.</summary>
public readonly record struct ZeroFilledRange(long Offset, long Length, string Part, string Reason)
{
    public long End => Offset + Length;

    /// <summary>The zero-filled stretches of executable.exe, adjacent ones with the same part and reason merged.</summary>
    public static IReadOnlyList<ZeroFilledRange> Of(RecoveredImage image)
    {
        var ranges = new List<ZeroFilledRange>();
        foreach (var (offset, end, piece, page) in image.Segments(0, image.Layout.Length))
        {
            if (piece.Source == PieceSource.Missing)
                Add(ranges, new ZeroFilledRange(offset, end - offset, piece.Part,
                    image.Disk is null ? $"not mapped in memory; no file on disk ({image.DiskMissing})" : "not mapped in memory; past the end of the file on disk"));
            else if (page is { Origin: PageOrigin.ZeroFilled } zeroFilled)
                Add(ranges, new ZeroFilledRange(offset, end - offset, piece.Part, zeroFilled.Describe()));
            else if (page is { Origin: PageOrigin.Disk } && piece.SourceOffset + (offset - piece.Offset) is var rva
                     && image.Image.FileEndInPage(rva) is var (fileEnd, fileLength) && fileEnd < rva + (end - offset))
            {
                var from = offset + Math.Max(0, fileEnd - rva);
                Add(ranges, new ZeroFilledRange(from, end - from, piece.Part, $"File Mapping, past the end of the file on disk (0x{fileLength:X} bytes)"));
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

using System.Text;
using MemFs.Translate.Paging;

namespace MemFs.Vfs.Executables;

/// <summary>
/// recovery.txt: where every page of a recovered image came from (memory, the file on disk, demand zero, or
/// zero-filled, with counts, percentages and runs), exactly which bytes of executable.exe are zero-filled and why,
/// the sha256 of the files, and per part how many bytes differ from the file on disk (hooks and patches stand out).
/// </summary>
internal static class RecoveryReport
{
    public static string Render(RecoveredImage image, RecoveryAnalysis analysis, string owner)
    {
        var text = new StringBuilder();
        var pages = image.Image.Pages;
        text.AppendLine($"Recovery of {image.Name} in {owner}")
            .AppendLine($"Image base       0x{image.Image.Base:X16}")
            .AppendLine($"Image size       0x{image.Image.Size:X} bytes ({pages.Count} pages)")
            .AppendLine($"Headers          from {image.HeaderSource}")
            .AppendLine(image.Disk is { } disk
                ? $"File on disk     {disk.Path}, {disk.Length} bytes, " + (analysis.DiskSha256 is { } diskSha ? $"sha256 {diskSha}"
                    : $"not hashed: larger than any loadable image file (0x{RecoveryAnalysis.MaxHashedDiskFile:X} bytes; PE offsets are 32-bit)")
                : $"File on disk     not available: {image.DiskMissing}")
            .AppendLine($"Relocations      {image.Relocation.Note}")
            .AppendLine($"executable.exe   {image.Layout.Length} bytes, sha256 {analysis.ExecutableSha256} (file layout)")
            .AppendLine($"memory.bin       {image.Image.Size} bytes, sha256 {analysis.MemorySha256} (memory layout)");
        if (analysis.ImageBaseNote is { } imageBase) text.AppendLine($"ImageBase field  {imageBase}");
        foreach (var note in image.Notes) text.AppendLine($"Note             {note}");

        text.AppendLine().AppendLine("Pages of the image, by origin:");
        var byOrigin = new PageOriginCounts(pages);
        foreach (var origin in Enum.GetValues<PageOrigin>())
        {
            var count = byOrigin[origin];
            var states = origin == PageOrigin.Memory
                ? "  (" + string.Join(", ", pages.Where(p => p.Origin == origin).GroupBy(p => p.State).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) + ")"
                : "";
            text.AppendLine($"  {Label(origin),-40} {count,7} {Percent(count, pages.Count),7}{(count > 0 ? states : "")}");
        }

        text.AppendLine().AppendLine("Page runs (RVA range, pages, origin):");
        foreach (var (first, count, page) in Runs(pages))
            text.AppendLine($"  0x{(long)first * 4096:X8}-0x{(long)(first + count) * 4096 - 1:X8} {count,6}  {Label(page.Origin)}: {page.Describe()}");

        text.AppendLine().AppendLine($"Zero-filled in executable.exe ({analysis.ZeroFilled.Sum(r => r.Length)} bytes; file offsets):");
        if (analysis.ZeroFilled.Count == 0) text.AppendLine("  none");
        foreach (var r in analysis.ZeroFilled) text.AppendLine($"  0x{r.Offset:X8}-0x{r.End - 1:X8} {r.Length,9} bytes  {r.Part}: {r.Reason}");

        if (analysis.Unreadable.Ranges.Count > 0)
        {
            text.AppendLine().AppendLine($"Unreadable while serving ({analysis.Unreadable.Bytes} bytes; zeros in their place, not compared):");
            foreach (var r in analysis.Unreadable.Ranges) text.AppendLine($"  {r.File} 0x{r.Offset:X8}-0x{r.End - 1:X8} {r.Length,9} bytes: {r.Reason}");
        }

        text.AppendLine().AppendLine("Sections (pages by origin: memory/disk/demand zero/zero-filled):");
        text.AppendLine($"  {"name",-8} {"RVA",10} {"VirtualSize",11} {"raw offset",10} {"raw size",10}  pages");
        foreach (var s in image.Headers.Sections)
        {
            var span = Math.Max(s.VirtualSize, s.SizeOfRawData);
            var counts = SectionPages(image, s.VirtualAddress, span);
            text.AppendLine($"  {s.Name,-8} 0x{s.VirtualAddress:X8} {"0x" + s.VirtualSize.ToString("X"),11} 0x{s.PointerToRawData:X8} 0x{s.SizeOfRawData:X8}  {string.Join("/", counts)}");
        }

        text.AppendLine();
        if (image.Disk is null) text.AppendLine("Differences from the file on disk: no file on disk to compare with.");
        else
        {
            text.AppendLine("Compared with the file on disk (bytes; zero-filled bytes are missing, not different):");
            text.AppendLine($"  {"part",-10} {"file offset",12} {"length",10} {"compared",10} {"differing",10} {"missing",10}");
            foreach (var p in analysis.Parts)
                text.AppendLine($"  {p.Part,-10} {"0x" + p.Offset.ToString("X8"),12} {p.Length,10} {p.Compared,10} {p.Differing,10} {p.Missing,10}");
            text.AppendLine().AppendLine($"Differing byte runs: {analysis.DifferenceRuns}" +
                (analysis.DifferenceRuns > analysis.Differences.Count ? $" (the first {analysis.Differences.Count} listed)" : ""));
            foreach (var d in analysis.Differences)
                text.AppendLine($"  0x{d.Offset:X8}+0x{d.Length:X}  {d.Part}{(d.Field is { } field ? " " + field : "")}{Rva(image, d.Offset)}");
        }
        return text.ToString();
    }

    public static string Label(PageOrigin origin) => origin switch
    {
        PageOrigin.Memory => "from memory",
        PageOrigin.Disk => "from the file on disk",
        PageOrigin.DemandZero => "demand zero (zeros are the content)",
        _ => "zero-filled (not in memory nor on disk)",
    };

    private static string Percent(long part, long whole) => whole == 0 ? "-" : $"{100.0 * part / whole:0.0}%";

    private static IEnumerable<(int First, int Count, ImagePage Page)> Runs(IReadOnlyList<ImagePage> pages)
    {
        for (var i = 0; i < pages.Count;)
        {
            var j = i + 1;
            while (j < pages.Count && pages[j] == pages[i]) j++;
            yield return (i, j - i, pages[i]);
            i = j;
        }
    }

    private static int[] SectionPages(RecoveredImage image, uint rva, uint length)
    {
        var counts = new int[Enum.GetValues<PageOrigin>().Length];
        var pages = image.Image.Pages;
        var first = rva / 4096;
        var end = Math.Min(pages.Count, ((long)rva + length + 4095) / 4096);
        for (var p = first; p < end; p++) counts[(int)pages[(int)p].Origin]++;
        return counts;
    }

    /// <summary>The RVA a file offset of executable.exe was taken from, when it came from the image.</summary>
    private static string Rva(RecoveredImage image, long offset) => image.Layout.RvaOf(offset) is { } rva ? $" (RVA 0x{rva:X})" : "";
}

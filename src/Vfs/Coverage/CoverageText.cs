using System.Text;
using MemFs.Translate.Paging;

namespace MemFs.Vfs.Coverage;

/// <summary>coverage.txt: how much of the memory a search over regions/ (or vmem) can see, and why the rest is missing.</summary>
internal static class CoverageText
{
    /// <param name="title">What was counted (a process, or the whole mount).</param>
    /// <param name="parts">For the whole mount: one line per process.</param>
    public static string Render(string title, PageCoverage coverage, HolePolicy policy, IEnumerable<(string Name, PageCoverage Coverage)>? parts = null)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {title}: every page of the user-space VADs, classified by the translation that serves reads");
        text.AppendLine(policy == HolePolicy.Strict
            ? "# mounted with --strict: pages with no content are holes (zeros); pages whose bytes cannot be produced fail with EIO"
            : "# holes read as zeros and SEEK_HOLE reports them (mount with --strict for EIO on pages that cannot be resolved)");
        text.AppendLine();
        text.AppendLine($"VADs            {coverage.Vads,14:N0}");
        Line(text, "pages", coverage.Pages);
        Line(text, "readable", coverage.ReadablePages, "bytes a search sees (demand-zero pages count: zeros are their content)");
        Line(text, "holes", coverage.HolePages, "read as zeros: a search cannot see what was there");
        Line(text, "failing (EIO)", coverage.FailingPages, "--strict: reads that include them fail");
        if (coverage.UnclassifiedPages > 0)
            Line(text, "not classified", coverage.UnclassifiedPages, $"in VADs over {Producers.VadPages.MaxPagesPerVad:N0} pages (read as the translation says)");

        text.AppendLine().AppendLine("Pages by state:");
        foreach (var (state, n) in coverage.ByState.OrderBy(s => s.Key))
            text.AppendLine($"  {TraceRenderer.Name(state),-14} {n,14:N0}");
        Reasons(text, "Holes by reason:", coverage.HolesByReason);
        if (coverage.FailingPages > 0) Reasons(text, "Failing (EIO) by reason:", coverage.FailingByReason);

        if (parts is not null)
        {
            text.AppendLine().AppendLine($"By process ({"readable",14} {"holes",14} {"failing",14} pages):");
            foreach (var (name, part) in parts)
                text.AppendLine($"  {part.ReadablePages,14:N0} {part.HolePages,14:N0} {part.FailingPages,14:N0}  {name}");
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, long pages, string? note = null) =>
        text.AppendLine($"{label,-15} {pages,14:N0} pages {pages * 4096,20:N0} bytes{(note is null ? "" : "  " + note)}");

    private static void Reasons(StringBuilder text, string heading, IReadOnlyDictionary<string, long> reasons)
    {
        text.AppendLine().AppendLine(heading);
        if (reasons.Count == 0) text.AppendLine("  none");
        foreach (var (reason, n) in reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            text.AppendLine($"  {n,14:N0}  {reason}");
    }
}

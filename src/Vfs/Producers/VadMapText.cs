using System.Text;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;

namespace MemFs.Vfs.Producers;

/// <summary>
/// vadmap.txt: every page of every VAD classified by the same translation that serves reads, consecutive pages
/// with the same state (and contiguous locations) merged into one line, like Rekall's vadmap.
/// </summary>
internal static class VadMapText
{
    /// <summary>VADs larger than this many pages are summarised, not classified page by page.</summary>
    public const long MaxPagesPerVad = 1 << 20;

    public static string Render(ProcessView view)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {view.Process.Pid} {view.Process.Name}: page states per VAD (P = through a prototype PTE)");
        text.AppendLine($"# {"start",-18} {"end",-18} {"pages",8}  state");
        var translator = view.System.Translator;
        var vads = view.Memory.Vads;
        var batch = new Resolution[512];
        foreach (var vad in view.Vads)
        {
            var pages = (long)((vad.End - vad.Start + 1) >> 12);
            text.AppendLine($"VAD 0x{vad.Start:X} - 0x{vad.End:X} {vad.Kind} {(vad.IsPrivate ? "private" : "mapped")} {MmProtection.Name(vad.Protection)} {vad.FileName}");
            if (pages > MaxPagesPerVad)
            {
                text.AppendLine($"  {pages:N0} pages: too large to classify page by page (reserved address space)");
                continue;
            }
            Line? open = null;
            for (long page = 0; page < pages; page += batch.Length)
            {
                var count = (int)Math.Min(batch.Length, pages - page);
                translator.TranslatePages(view.Process.Dtb, vad.Start + (ulong)page * 4096, batch.AsSpan(0, count), vads);
                for (var i = 0; i < count; i++)
                {
                    var va = vad.Start + (ulong)(page + i) * 4096;
                    var r = batch[i];
                    if (open is { } o && o.Continues(r)) open = o with { Pages = o.Pages + 1 };
                    else
                    {
                        if (open is not null) text.AppendLine(open.Render());
                        open = new Line(va, 1, r);
                    }
                }
            }
            if (open is not null) text.AppendLine(open.Render());
        }
        return text.ToString();
    }

    private sealed record Line(ulong Start, long Pages, Resolution First)
    {
        public bool Continues(Resolution r) =>
            r.State == First.State && r.ViaPrototype == First.ViaPrototype && r.Reason == First.Reason && r.Available == First.Available
            && (First.Location is not { } l ? r.Location is null
                : r.Location is { } n && n.Kind == l.Kind && n.PagefileNumber == l.PagefileNumber && n.FilePath == l.FilePath && n.Offset == l.Offset + Pages * 4096);

        public string Render()
        {
            var state = First.State switch
            {
                PageState.Valid => $"Valid PhysAS @ 0x{First.Location!.Value.Offset:X}",
                PageState.Transition => $"Transition PhysAS @ 0x{First.Location!.Value.Offset:X}",
                PageState.Pagefile => $"Pagefile {First.Location!.Value.PagefileNumber} @ 0x{First.Location.Value.Offset:X}",
                PageState.FileMapping => $"File Mapping {First.Location!.Value.FilePath} @ 0x{First.Location.Value.Offset:X}",
                PageState.DemandZero => "Demand Zero",
                PageState.Reserved => "Reserved (not committed; a hole in vmem and regions)",
                _ => $"Unresolvable: {First.Reason}",
            };
            if (First.State is not (PageState.Unresolvable or PageState.Reserved) && !First.Available) state += $" — not available: {First.Reason}";
            return $"  0x{Start:X16} 0x{Start + (ulong)Pages * 4096 - 1:X16} {Pages,8}  {state}{(First.ViaPrototype ? " (P)" : "")}";
        }
    }
}

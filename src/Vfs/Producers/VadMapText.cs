using System.Text;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Vads;

namespace MemFs.Vfs.Producers;

/// <summary>
/// vadmap.txt: every page of every VAD classified by the same translation that serves reads, consecutive pages
/// with the same state (and contiguous locations) merged into one line, like Rekall's vadmap. Every page that reads
/// as a hole says so, with the reason.
/// </summary>
internal static class VadMapText
{
    public static string Render(ProcessView view)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {view.Process.Pid} {view.Process.Name}: page states per VAD (P = through a prototype PTE)");
        text.AppendLine(view.Holes == HolePolicy.Strict
            ? "# --strict: pages with no content read as zeros (holes); other unreadable pages fail with EIO"
            : "# pages marked \"hole\" read as zeros and SEEK_HOLE reports them; the reason follows");
        text.AppendLine($"# {"start",-18} {"end",-18} {"pages",8}  state");
        var memory = view.Memory;
        foreach (var vad in view.Vads)
        {
            var pages = (long)((vad.End - vad.Start + 1) >> 12);
            text.AppendLine($"VAD 0x{vad.Start:X} - 0x{vad.End:X} {VadKinds.NameOf(vad)} {MmProtection.Name(vad.Protection)} {vad.FileName}");
            if (VadPages.TooLarge(vad.Start, vad.End))
            {
                text.AppendLine($"  {pages:N0} pages: too large to classify page by page (reserved address space)");
                continue;
            }
            Line? open = null;
            VadPages.Scan(memory, vad.Start, vad.End + 1, (va, r) =>
            {
                if (open is { } o && o.Continues(r)) open = o with { Pages = o.Pages + 1 };
                else
                {
                    if (open is not null) text.AppendLine(open.Render());
                    open = new Line(va, 1, r, memory.IsHole(r));
                }
                return true;
            });
            if (open is not null) text.AppendLine(open.Render());
        }
        return text.ToString();
    }

    private sealed record Line(ulong Start, long Pages, Resolution First, bool Hole)
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
                PageState.Compressed => $"Compressed store page key 0x{First.Location!.Value.StoreKey:X8}",
                PageState.FileMapping => $"File Mapping {First.Location!.Value.FilePath} @ 0x{First.Location.Value.Offset:X}",
                PageState.DemandZero => "Demand Zero",
                PageState.Reserved => "Reserved: never committed, no memory exists",
                PageState.Decommitted => "Decommitted (MM_DECOMMIT): no memory exists",
                PageState.Free => "Free: outside every VAD",
                PageState.FileBackedMarker => $"File-backed PTE (Windows 11 22H2+): {First.Reason}",
                _ => $"Unresolvable: {First.Reason}",
            };
            if (First.State is not (PageState.Unresolvable or PageState.FileBackedMarker or PageState.Reserved or PageState.Decommitted or PageState.Free) && !First.Available)
                state += $" — not available: {First.Reason}";
            var hole = Hole ? " — hole" : !First.Readable ? " — EIO (--strict)" : "";
            return $"  0x{Start:X16} 0x{Start + (ulong)Pages * 4096 - 1:X16} {Pages,8}  {state}{(First.ViaPrototype ? " (P)" : "")}{hole}";
        }
    }
}

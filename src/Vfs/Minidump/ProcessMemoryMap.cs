using MemFs.Translate.Paging;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Vads;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Minidump;

/// <summary>
/// Which pages of a process's user-space VADs hold bytes (the runs Memory64List stores) and the commit state of every
/// part of every VAD (MemoryInfoList), from the same page translation vadmap.txt and coverage.txt use: no page is read.
/// Holes (reserved, decommitted, unresolvable pages) are left out of the runs. VADs too large to classify page by page
/// (<see cref="VadPages.MaxPagesPerVad"/>) are left out of the runs and listed with the VAD's own commit flag.
/// </summary>
internal sealed record ProcessMemoryMap(IReadOnlyList<(ulong Va, long Length)> Runs, IReadOnlyList<MemoryRegion> Regions)
{
    public static ProcessMemoryMap Of(ProcessView view)
    {
        var runs = new List<(ulong Va, long Length)>();
        var regions = new List<MemoryRegion>();
        foreach (var vad in view.DataVads.OrderBy(v => v.Start))
        {
            if (VadPages.TooLarge(vad.Start, vad.End))
            {
                regions.Add(Region(vad, vad.Start, vad.End + 1 - vad.Start, vad.MemCommit));
                continue;
            }
            ulong regionStart = vad.Start, runStart = 0;
            bool? committed = null;
            var inRun = false;
            VadPages.Scan(view.Memory, vad.Start, vad.End + 1, (va, page) =>
            {
                var pageCommitted = !page.HasNoContent;
                if (committed is { } c && c != pageCommitted)
                {
                    regions.Add(Region(vad, regionStart, va - regionStart, c));
                    regionStart = va;
                }
                committed = pageCommitted;
                if (page.Readable && !inRun) (runStart, inRun) = (va, true);
                else if (!page.Readable && inRun)
                {
                    runs.Add((runStart, (long)(va - runStart)));
                    inRun = false;
                }
                return true;
            });
            if (committed is { } last) regions.Add(Region(vad, regionStart, vad.End + 1 - regionStart, last));
            if (inRun) runs.Add((runStart, (long)(vad.End + 1 - runStart)));
        }
        return new ProcessMemoryMap(runs, regions);
    }

    private static MemoryRegion Region(VadDescriptor vad, ulong start, ulong size, bool committed)
    {
        var type = VadKinds.Of(vad) switch
        {
            VadKind.Image => MemoryRegion.Image,
            _ when vad.IsPrivate => MemoryRegion.Private,
            _ => MemoryRegion.Mapped,
        };
        var protection = MmProtection.ToPageProtection(vad.Protection);
        return new MemoryRegion(start, vad.Start, protection, size, committed ? MemoryRegion.Commit : MemoryRegion.Reserve, committed ? protection : 0, type);
    }
}

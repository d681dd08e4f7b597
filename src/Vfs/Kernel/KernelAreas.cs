using MemFs.Translate.Paging.KernelSpace;
using MemFs.Translate.Windows.Objects;

namespace MemFs.Vfs.Kernel;

/// <summary>
/// Labels the kernel's mapped runs: the page-table self-map, KUSER_SHARED_DATA, each driver's image range (from
/// PsLoadedModuleList's DllBase and SizeOfImage), large pages outside them, and everything else as pool / other kernel
/// memory (not split into paged, nonpaged or session pool: that needs the pool descriptors, which are not read).
/// </summary>
internal static class KernelAreas
{
    /// <summary>KUSER_SHARED_DATA's fixed kernel address on x64 (MM_SHARED_USER_DATA_VA).</summary>
    public const ulong SharedUserData = 0xFFFF_F780_0000_0000;

    public const string Pool = "pool / other kernel memory";
    public const string LargePages = "large pages (not in a driver)";
    public const string SharedUserDataLabel = "KUSER_SHARED_DATA";

    /// <summary>Drivers used as labels at most (a hostile module list is bounded by its walker; this bounds the labelling).</summary>
    private const int MaxDrivers = 4096;

    public static string DriverLabel(string name) => "driver " + name;

    public static string PageTablesLabel(SelfMap self) => $"page tables (self-map, PML4 entry 0x{self.Index:X})";

    public static IReadOnlyList<KernelArea> Of(KernelPageMap map, IReadOnlyList<ModuleInfo> modules)
    {
        var segments = Segments(Named(map, modules));
        var areas = new List<KernelArea>();
        var j = 0;
        foreach (var run in map.Runs)
        {
            var p = run.Start;
            while (true)
            {
                while (j < segments.Count && segments[j].Last < p) j++;
                string label;
                ulong last;
                if (j < segments.Count && segments[j].Start <= p)
                {
                    label = segments[j].Label;
                    last = Math.Min(run.Last, segments[j].Last);
                }
                else
                {
                    label = run.Kind is KernelPageKind.LargePage2M or KernelPageKind.LargePage1G ? LargePages : Pool;
                    last = j < segments.Count && segments[j].Start <= run.Last ? segments[j].Start - 1 : run.Last;
                }
                if (areas.Count > 0 && areas[^1] is var previous && previous.Last + 1 == p && previous.Label == label && previous.Kind == run.Kind)
                    areas[^1] = previous with { Last = last };
                else
                    areas.Add(new KernelArea(p, last, label, run.Kind));
                if (last == run.Last) break;
                p = last + 1;
            }
        }
        return areas;
    }

    /// <summary>The named ranges, first = strongest: the self-map, KUSER_SHARED_DATA, then the drivers in list order.</summary>
    private static List<(ulong Start, ulong Last, string Label)> Named(KernelPageMap map, IReadOnlyList<ModuleInfo> modules)
    {
        var named = new List<(ulong Start, ulong Last, string Label)>();
        if (map.SelfMap is { } self) named.Add((self.Start, self.Last, PageTablesLabel(self)));
        named.Add((SharedUserData, SharedUserData + 0xFFF, SharedUserDataLabel));
        foreach (var module in modules.Take(MaxDrivers))
        {
            if (module.Base < KernelPageMap.KernelStart || module.Size == 0 || module.Base + module.Size - 1 < module.Base) continue;
            var name = module.BaseName ?? module.FullName ?? $"0x{module.Base:X}";
            named.Add((module.Base & ~0xFFFUL, (module.Base + module.Size - 1) | 0xFFF, DriverLabel(name)));
        }
        return named;
    }

    /// <summary>Sorted, disjoint segments: each stretch between two range edges takes the first named range holding it.</summary>
    private static List<(ulong Start, ulong Last, string Label)> Segments(List<(ulong Start, ulong Last, string Label)> named)
    {
        var edges = new SortedSet<ulong>();
        foreach (var (start, last, _) in named)
        {
            edges.Add(start);
            if (last != ulong.MaxValue) edges.Add(last + 1);
        }
        var points = edges.ToArray();
        var segments = new List<(ulong Start, ulong Last, string Label)>();
        for (var i = 0; i < points.Length; i++)
        {
            var start = points[i];
            var last = i + 1 < points.Length ? points[i + 1] - 1 : ulong.MaxValue;
            var owner = named.FindIndex(n => n.Start <= start && start <= n.Last);
            if (owner < 0) continue;
            var label = named[owner].Label;
            if (segments.Count > 0 && segments[^1].Last + 1 == start && segments[^1].Label == label) segments[^1] = (segments[^1].Start, last, label);
            else segments.Add((start, last, label));
        }
        return segments;
    }
}

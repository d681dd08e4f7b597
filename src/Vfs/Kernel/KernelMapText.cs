using System.Text;
using MemFs.Translate.Paging;
using MemFs.Translate.Paging.KernelSpace;

namespace MemFs.Vfs.Kernel;

/// <summary>
/// /kernel/vadmap.txt: the kernel has no VADs, so this is what its page tables map (PML4 entries 256–511), in runs of
/// the same label and entry kind: drivers, the page tables (self-map), KUSER_SHARED_DATA, large pages, and the rest as
/// pool / other kernel memory. Each line gives the run's offset in /kernel/vmem.
/// </summary>
internal static class KernelMapText
{
    public static string Render(KernelView kernel)
    {
        var map = kernel.Map;
        var modules = kernel.Modules;
        var areas = KernelAreas.Of(map, modules.Modules);
        var text = new StringBuilder();
        text.AppendLine($"# kernel address space (DTB 0x{map.Dtb:X}): what the page tables of its kernel half (PML4 entries 256-511) map");
        text.AppendLine($"# /kernel/vmem offset = virtual address - 0x{KernelView.Origin:X}; unmapped space reads as zeros (a hole)");
        text.AppendLine($"# \"{KernelAreas.Pool}\" is every mapped page outside the drivers, the page tables and KUSER_SHARED_DATA:");
        text.AppendLine("#   it is not split into paged, nonpaged or session pool (that needs the pool descriptors, which are not read)");
        text.AppendLine(kernel.Holes == HolePolicy.Strict
            ? "# --strict: pages whose bytes cannot be produced (pagefile or compressed store not available) fail with EIO"
            : "# pages whose bytes cannot be produced (pagefile or compressed store not available) read as zeros (holes)");
        text.AppendLine($"# {map.PresentPml4Entries} present kernel PML4 entries, {map.TablesRead:N0} page tables read" +
                        (map.SelfMap is { } self ? $", self-map PML4 entry 0x{self.Index:X} (page tables at 0x{self.Start:X})" : ", no self-map entry found"));
        foreach (var problem in map.Problems) text.AppendLine($"# problem: {problem}");
        foreach (var problem in modules.Problems) text.AppendLine($"# drivers: {problem}");
        text.AppendLine("#");
        text.AppendLine("# pages by area:");
        foreach (var total in areas.GroupBy(a => a.Label).Select(g => (Label: g.Key, Pages: g.Sum(a => a.Pages))))
            text.AppendLine($"#   {total.Pages,12:N0}  {total.Label}");
        text.AppendLine("#");
        text.AppendLine($"# {"start",-18} {"end",-18} {"vmem offset",-14} {"pages",10}  {"area",-44} entries");
        foreach (var area in areas)
            text.AppendLine($"0x{area.Start:X16} 0x{area.Last:X16} 0x{KernelView.OffsetOf(area.Start),-12:X} {area.Pages,10}  {area.Label,-44} {State(area.Kind)}");
        return text.ToString();
    }

    private static string State(KernelPageKind kind) => kind switch
    {
        KernelPageKind.Valid => "valid",
        KernelPageKind.LargePage2M => "valid, 2 MiB pages",
        KernelPageKind.LargePage1G => "valid, 1 GiB pages",
        KernelPageKind.Transition => "transition (standby/modified list)",
        KernelPageKind.Pagefile => "paged out (pagefile)",
        KernelPageKind.PageTable => "page tables the walk read",
        _ => "software PTEs (prototype, demand zero, compressed or invalid: vtop/ says which)",
    };
}

namespace MemFs.Translate.Physical.Vmware;

/// <summary>The memory regions group "memory" of a state file lists, with the tag offset each came from.</summary>
internal static class VmwareRegions
{
    private const long MaxPages = RunTable.MaxPhysicalAddress / VmwareImage.PageSize;

    public static IReadOnlyList<(MappedRun Run, long At)> Read(VmwareStateFile state)
    {
        var group = state.Group(VmwareImage.MemoryGroup);
        var countTag = group?.Find("regionsCount");
        if (group is null || countTag is null) return [];
        var count = Number(state, group, countTag);
        if (count == 0) return [];
        if (count > (ulong)group.Tags.Count / 3)
            throw new ImageFormatException(state.Name, countTag.Offset, $"group \"memory\", tag \"regionsCount\": {count:N0} regions, but the group has only {group.Tags.Count:N0} tags");

        var regions = new List<(MappedRun Run, long At)>((int)count);
        for (var i = 0u; i < count; i++)
        {
            var ppnTag = Required(state, group, "regionPPN", i);
            var ppn = Pages(state, group, ppnTag);
            var pageNum = Pages(state, group, Required(state, group, "regionPageNum", i));
            var size = Pages(state, group, Required(state, group, "regionSize", i));
            if (size > MaxPages - ppn)
                throw new ImageFormatException(state.Name, ppnTag.Offset, $"group \"memory\", region {i}: PPN 0x{ppn:X} + 0x{size:X} pages lies outside the 52-bit physical address space");
            regions.Add((new MappedRun(ppn * VmwareImage.PageSize, size * VmwareImage.PageSize, pageNum * VmwareImage.PageSize), ppnTag.Offset));
        }
        CheckOverlaps(state, regions);
        return regions;
    }

    private static VmwareTag Required(VmwareStateFile state, VmwareGroup group, string name, uint index) =>
        group.Find(name, index) ?? throw new ImageFormatException(state.Name, group.TagsOffset, $"group \"memory\": tag \"{name}[{index}]\" is missing");

    private static ulong Number(VmwareStateFile state, VmwareGroup group, VmwareTag tag) =>
        tag.Number ?? throw new ImageFormatException(state.Name, tag.Offset, $"group \"{group.Name}\", tag \"{tag}\": a {(tag.IsBlock ? "block" : $"{tag.Value.Length}-byte value")} where a number was expected");

    private static long Pages(VmwareStateFile state, VmwareGroup group, VmwareTag tag)
    {
        var value = Number(state, group, tag);
        return value <= MaxPages
            ? (long)value
            : throw new ImageFormatException(state.Name, tag.Offset, $"group \"memory\", tag \"{tag}\": 0x{value:X} pages lies outside the 52-bit physical address space");
    }

    private static void CheckOverlaps(VmwareStateFile state, List<(MappedRun Run, long At)> regions)
    {
        var sorted = regions.OrderBy(r => r.Run.Start).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i - 1].Run.End > sorted[i].Run.Start)
                throw new ImageFormatException(state.Name, sorted[i].At,
                    $"group \"memory\": region at physical 0x{sorted[i].Run.Start:X} overlaps the region at 0x{sorted[i - 1].Run.Start:X}-0x{sorted[i - 1].Run.End:X}");
        }
    }
}

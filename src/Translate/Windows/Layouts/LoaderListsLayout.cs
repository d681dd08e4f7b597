using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The three lists of _PEB_LDR_DATA (InLoadOrderModuleList, InMemoryOrderModuleList, InInitializationOrderModuleList)
/// and the _LDR_DATA_TABLE_ENTRY links that chain each (InLoadOrderLinks, InMemoryOrderLinks, InInitializationOrderLinks).
/// The profile names the load-order pair; the other two are the LIST_ENTRYs (16 bytes on x64) that follow it in both
/// structures, as every x64 kernel has them: +0x10/+0x20/+0x30 in _PEB_LDR_DATA and +0x0/+0x10/+0x20 in
/// _LDR_DATA_TABLE_ENTRY in all 213 JPCERT ISFs (7601 to 22000) and in the 22H2 and 24H2 public headers.
/// </summary>
internal sealed record LoaderListsLayout(IReadOnlyList<LoaderListOffsets> Lists)
{
    private const int ListEntrySize = 16;
    private const string Source = "x64: the LIST_ENTRY after the previous list in _PEB_LDR_DATA and _LDR_DATA_TABLE_ENTRY (every x64 build 7601-26100)";

    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    public static LoaderListsLayout From(KernelProfile profile)
    {
        var f = new FieldResolver(profile, "_PEB_LDR_DATA lists");
        var head = f.Offset("_PEB_LDR_DATA.InLoadOrderModuleList");
        var links = f.Offset("_LDR_DATA_TABLE_ENTRY.InLoadOrderLinks");
        f.ThrowIfMissing();
        var lists = new List<LoaderListOffsets> { new(LoaderListMembership.InLoadOrder, "InLoadOrderModuleList", head, links) };
        foreach (var (list, order) in new[] { (LoaderListMembership.InMemoryOrder, "InMemoryOrder"), (LoaderListMembership.InInitializationOrder, "InInitializationOrder") })
        {
            head += ListEntrySize;
            links += ListEntrySize;
            lists.Add(new LoaderListOffsets(list, $"{order}ModuleList",
                f.Record($"_PEB_LDR_DATA.{order}ModuleList", head, Source), f.Record($"_LDR_DATA_TABLE_ENTRY.{order}Links", links, Source)));
        }
        return new LoaderListsLayout(lists) { Provenance = f.Provenance };
    }
}

using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// The loader-list entry members MemFs reads: _LDR_DATA_TABLE_ENTRY (a process's PEB_LDR_DATA lists) or
/// _KLDR_DATA_TABLE_ENTRY (the kernel's PsLoadedModuleList). <see cref="Type"/> names the structure used.
/// </summary>
internal sealed record LoaderEntryLayout(string Type, int InLoadOrderLinks, int DllBase, int SizeOfImage, int FullDllName, int BaseDllName)
{
    public const string ProcessEntry = "_LDR_DATA_TABLE_ENTRY";
    public const string KernelEntry = "_KLDR_DATA_TABLE_ENTRY";

    public IReadOnlyList<LayoutField> Provenance { get; init; } = [];

    public static LoaderEntryLayout ForProcessModules(KernelProfile profile) => From(profile, ProcessEntry);

    /// <summary>
    /// The kernel's list entries are _KLDR_DATA_TABLE_ENTRY; kernels whose symbols lack that type (Windows 7's) lay
    /// them out like _LDR_DATA_TABLE_ENTRY in the members read here (InLoadOrderLinks, DllBase, SizeOfImage, names).
    /// </summary>
    public static LoaderEntryLayout ForKernelModules(KernelProfile profile) =>
        From(profile, profile.Offsets.ContainsKey(KernelEntry + ".DllBase") ? KernelEntry : ProcessEntry);

    private static LoaderEntryLayout From(KernelProfile profile, string type)
    {
        var f = new FieldResolver(profile, type);
        var layout = new LoaderEntryLayout(type,
            f.Offset($"{type}.InLoadOrderLinks"),
            f.Offset($"{type}.DllBase"),
            f.Offset($"{type}.SizeOfImage"),
            f.Offset($"{type}.FullDllName"),
            f.Offset($"{type}.BaseDllName"));
        f.ThrowIfMissing();
        return layout with { Provenance = f.Provenance };
    }
}

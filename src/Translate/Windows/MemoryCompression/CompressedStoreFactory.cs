using MemFs.Aff4.Caching;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Kernel;
using MemFs.Translate.Windows.Objects;
using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// Opens the compressed store of a Windows layer once its processes are known: the layout for the kernel build,
/// SM_GLOBALS (profile or scan), and the process holding the regions — MemCompression by name, or whichever
/// process a store's OwnerProcess names.
/// </summary>
internal static class CompressedStoreFactory
{
    public const string ProcessName = "MemCompression";

    public static CompressedStore? Open(KernelIdentity identity, KernelProfile profile, IKernelReader kernel, PagingSettings settings,
        IReadOnlyList<ProcessInfo> processes, Func<ProcessInfo, IVadSource?> vads, ChunkCache cache, out string? why)
    {
        if (settings.VirtualStoreNumber < 0)
        {
            why = $"build {settings.Build?.ToString() ?? "unknown"} has no virtual store";
            return null;
        }
        if (identity.Build is not { } build)
        {
            why = "the kernel build is unknown, so the store's layout is too";
            return null;
        }
        if (StoreLayout.ForBuild(build, out why) is not { } layout) return null;
        if (SmGlobalsLocator.Locate(identity, profile, kernel, layout, out why) is not { } globals) return null;

        CompressionProcess Describe(ProcessInfo p, string foundBy) => new(p.Eprocess, p.Pid, p.Name, p.Dtb, () => vads(p), foundBy);
        var byEprocess = processes.GroupBy(p => p.Eprocess).ToDictionary(g => g.Key, g => g.First());
        var named = processes.FirstOrDefault(p => string.Equals(p.Name, ProcessName, StringComparison.OrdinalIgnoreCase));
        why = null;
        return new CompressedStore(layout, build, globals,
            eprocess => byEprocess.TryGetValue(eprocess, out var p) ? Describe(p, "named by SMKM_STORE.OwnerProcess") : null,
            named is null ? null : Describe(named, $"by name {ProcessName}"),
            settings.VirtualStoreSource ?? $"paging file {settings.VirtualStoreNumber} (the conventional number; _MMPAGING_FILE.VirtualStorePagefile not read)", cache);
    }
}

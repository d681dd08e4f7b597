using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Translate.Windows.Symbols.Sources;

/// <summary>The offsets pack built into MemFs (JPCERT ISFs, BSD-3-Clause), by exact PDB id.</summary>
internal sealed class EmbeddedPackSource(KernelPack pack) : IKernelProfileSource
{
    public string Name => KernelPack.ExactSource;

    public KernelProfile? TryGet(KernelId id, out string? note)
    {
        note = id.PdbId is null ? "the kernel's PDB id is unknown" : $"{id.PdbName} {id.PdbId} is not in the pack ({pack.Kernels.Count} kernels)";
        var profile = id.PdbId is null ? null : pack.TryGetExact(id.PdbId);
        if (profile is not null) note = null;
        return profile;
    }
}

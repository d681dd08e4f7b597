using MemFs.Translate.Windows.Symbols.Pack;

namespace MemFs.Translate.Windows.Symbols.Sources;

/// <summary>The pack's per-build layouts (no RVAs): the fallback for kernels the pack does not know by id.</summary>
internal sealed class BuildFamilySource(KernelPack pack) : IKernelProfileSource
{
    public string Name => "embedded pack (build family)";

    public KernelProfile? TryGet(KernelId id, out string? note)
    {
        if (id.Build is not { } build)
        {
            note = "the kernel's build is unknown";
            return null;
        }
        return pack.TryGetFamily(build, out note);
    }
}

using MemFs.Translate.Windows.Symbols.Isf;

namespace MemFs.Translate.Windows.Symbols.Sources;

/// <summary>Volatility 3 ISF files given with <c>--symbols DIR</c> (folder, zip or file), matched by PDB id.</summary>
internal sealed class IsfProfileSource(IsfDirectory directory) : IKernelProfileSource
{
    public string Name => $"ISF {directory.Root}";

    public KernelProfile? TryGet(KernelId id, out string? note)
    {
        note = null;
        if (id.PdbId is null)
        {
            note = "the kernel's PDB id is unknown";
            return null;
        }
        var isf = directory.Load(id.PdbId);
        if (isf is null)
        {
            note = $"no ISF for {id.PdbName} {id.PdbId} in {directory.Root}";
            return null;
        }
        return IsfProfileReader.Read(isf, $"ISF {directory.Locate(id.PdbId)?.ToString() ?? directory.Root}");
    }
}

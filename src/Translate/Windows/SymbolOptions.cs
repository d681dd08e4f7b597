using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows;

/// <summary>Where kernel symbols may come from besides the embedded pack, and a build to assume if the image does not say.</summary>
/// <param name="UseEmbeddedPack">
/// False skips the exact-GUID pack and lets the heuristics choose the EPROCESS offsets, leaving only the compiled-in
/// per-build layouts (VAD, loader) that MemProcFS-style tools hard-code: the "no symbols at all" path.
/// </param>
public sealed record SymbolOptions(IReadOnlyList<IKernelProfileSource> UserSources, uint? Build = null, bool UseEmbeddedPack = true)
{
    public static readonly SymbolOptions None = new([]);
}

using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows;

/// <summary>Where kernel symbols may come from besides the embedded pack, and a build to assume if the image does not say.</summary>
public sealed record SymbolOptions(IReadOnlyList<IKernelProfileSource> UserSources, uint? Build = null)
{
    public static readonly SymbolOptions None = new([]);
}

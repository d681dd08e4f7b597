namespace MemFs.Translate.Windows.Symbols.Sources;

/// <summary>A profile already computed for this image (the heuristics' result), offered in its place in the order.</summary>
internal sealed class FixedProfileSource(string name, KernelProfile? profile, string? whyNone = null) : IKernelProfileSource
{
    public string Name => name;

    public KernelProfile? TryGet(KernelId id, out string? note)
    {
        note = profile is null ? whyNone ?? "nothing found" : null;
        return profile;
    }
}

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>The offsets, bit fields, sizes and (for exact kernels) RVAs stored for one kernel or one build family.</summary>
internal sealed record PackedLayout(
    IReadOnlyDictionary<string, int> Offsets,
    IReadOnlyDictionary<string, BitField> Bits,
    IReadOnlyDictionary<string, int> Sizes,
    IReadOnlyDictionary<string, ulong> Rvas)
{
    public static PackedLayout From(KernelProfile profile) => new(
        profile.Offsets.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal),
        profile.Bits.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal),
        profile.Sizes.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal),
        profile.Rvas.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal));

    public KernelProfile ToProfile(string? pdbId, uint? build, string? version, string source)
    {
        var profile = new KernelProfile(pdbId, build, version);
        foreach (var (name, value) in Offsets) profile.SetOffset(name, value, source);
        foreach (var (name, value) in Bits) profile.SetBits(name, value, source);
        foreach (var (name, value) in Sizes) profile.SetSize(name, value, source);
        foreach (var (name, value) in Rvas) profile.SetRva(name, value, source);
        return profile;
    }
}

using MemFs.Translate.Windows.Symbols;

namespace MemFs.Translate.Windows.Layouts;

/// <summary>
/// Reads the fields of one layout from a profile, keeping each field's provenance and collecting every missing
/// required field, so that <see cref="ThrowIfMissing"/> names all of them in one error instead of the first.
/// </summary>
internal sealed class FieldResolver(KernelProfile profile, string layout)
{
    /// <summary>No x64 kernel structure MemFs reads is 64 KiB long; a larger offset is a broken symbol source.</summary>
    public const int MaxOffset = 0x10000;

    private readonly List<string> _missing = [];
    private readonly List<LayoutField> _provenance = [];

    public KernelProfile Profile => profile;
    public IReadOnlyList<LayoutField> Provenance => _provenance;

    public int Offset(string name) => OptionalOffset(name) ?? Missing(name, 0);

    public int? OptionalOffset(string name)
    {
        if (!profile.Offsets.TryGetValue(name, out var field)) return null;
        if (field.Value is < 0 or >= MaxOffset) return Missing($"{name} (offset 0x{field.Value:X} from {field.Source} is out of range)", 0);
        _provenance.Add(new LayoutField(name, $"0x{field.Value:X}", field.Source));
        return field.Value;
    }

    public BitField Bits(string name) => OptionalBits(name) ?? Missing(name, default(BitField));

    public BitField? OptionalBits(string name)
    {
        if (!profile.Bits.TryGetValue(name, out var field)) return null;
        if (field.Value.Position is < 0 or >= 64 || field.Value.Length is < 1 or > 64)
            return Missing($"{name} (bits {field.Value.Position}:{field.Value.Length} from {field.Source} are out of range)", default(BitField));
        _provenance.Add(new LayoutField(name, $"bits {field.Value.Position}:{field.Value.Length}", field.Source));
        return field.Value;
    }

    public int? OptionalSize(string name)
    {
        if (!profile.Sizes.TryGetValue(name, out var field)) return null;
        if (field.Value is <= 0 or >= MaxOffset) return Missing($"sizeof({name}) (0x{field.Value:X} from {field.Source} is out of range)", 0);
        _provenance.Add(new LayoutField($"sizeof({name})", $"0x{field.Value:X}", field.Source));
        return field.Value;
    }

    /// <summary>A value that did not come from the profile (the per-build table), recorded with its own source.</summary>
    public T Record<T>(string name, T value, string source)
    {
        _provenance.Add(new LayoutField(name, value is int i ? $"0x{i:X}" : value?.ToString() ?? "", source));
        return value;
    }

    public T Missing<T>(string name, T placeholder)
    {
        _missing.Add(name);
        return placeholder;
    }

    /// <summary>Throws one <see cref="KernelProfileException"/> naming every required field the profile lacks.</summary>
    public void ThrowIfMissing()
    {
        if (_missing.Count > 0)
            throw new KernelProfileException($"the {layout} layout cannot be resolved: the profile of {profile.Describe()} lacks {string.Join(", ", _missing)}");
    }
}

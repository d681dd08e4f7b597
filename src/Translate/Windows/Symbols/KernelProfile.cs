namespace MemFs.Translate.Windows.Symbols;

/// <summary>
/// What MemFs knows about one kernel's structures: member offsets ("_EPROCESS.UniqueProcessId"), bit fields
/// ("_MMVAD_FLAGS.Protection"), structure sizes ("_EPROCESS") and global RVAs ("PsActiveProcessHead"), each with
/// the source that supplied it (PDB, ISF, embedded pack, build table, heuristics), so reports can say where every
/// number came from. Every symbol source produces this one model.
/// </summary>
public sealed class KernelProfile
{
    private readonly Dictionary<string, (int Value, string Source)> _offsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (BitField Value, string Source)> _bits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Value, string Source)> _sizes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ulong Value, string Source)> _rvas = new(StringComparer.Ordinal);

    public KernelProfile(string? pdbId, uint? build, string? version = null)
    {
        PdbId = pdbId;
        Build = build;
        Version = version;
    }

    /// <summary>PDB GUID (32 upper-case hex digits) followed by the age in hex, e.g. 5278AFF86C341677D7D7835C85B7B8441.</summary>
    public string? PdbId { get; }
    public uint? Build { get; }

    /// <summary>The ntoskrnl file version when known, e.g. 10.0.19041.804.</summary>
    public string? Version { get; }

    public IReadOnlyDictionary<string, (int Value, string Source)> Offsets => _offsets;
    public IReadOnlyDictionary<string, (BitField Value, string Source)> Bits => _bits;
    public IReadOnlyDictionary<string, (int Value, string Source)> Sizes => _sizes;
    public IReadOnlyDictionary<string, (ulong Value, string Source)> Rvas => _rvas;

    /// <summary>True once <see cref="Freeze"/> was called: the profile layouts were resolved from can no longer change.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Ends filling: every later Set* or FillFrom throws, so layouts resolved from this profile stay true to it.</summary>
    public KernelProfile Freeze()
    {
        IsFrozen = true;
        return this;
    }

    public void SetOffset(string name, int value, string source) => Writable()._offsets[name] = (value, source);
    public void SetBits(string name, BitField value, string source) => Writable()._bits[name] = (value, source);
    public void SetSize(string name, int value, string source) => Writable()._sizes[name] = (value, source);
    public void SetRva(string name, ulong value, string source) => Writable()._rvas[name] = (value, source);

    private KernelProfile Writable() =>
        IsFrozen ? throw new InvalidOperationException($"the profile of {Describe()} is frozen: layouts were resolved from it") : this;

    public int? Offset(string name) => _offsets.TryGetValue(name, out var v) ? v.Value : null;
    public BitField? Bit(string name) => _bits.TryGetValue(name, out var v) ? v.Value : null;
    public int? Size(string name) => _sizes.TryGetValue(name, out var v) ? v.Value : null;
    public ulong? Rva(string name) => _rvas.TryGetValue(name, out var v) ? v.Value : null;

    /// <summary>The offset, or an exception naming the missing field and the kernel (a walker cannot go on without it).</summary>
    public int Require(string name) => Offset(name) ?? throw new KernelProfileException($"no offset for {name} in the profile of {Describe()}");

    public BitField RequireBits(string name) => Bit(name) ?? throw new KernelProfileException($"no bit field {name} in the profile of {Describe()}");

    /// <summary>Fills what this profile lacks from <paramref name="other"/>, keeping the other's provenance.</summary>
    public void FillFrom(KernelProfile other)
    {
        Writable();
        foreach (var (k, v) in other._offsets) _offsets.TryAdd(k, v);
        foreach (var (k, v) in other._bits) _bits.TryAdd(k, v);
        foreach (var (k, v) in other._sizes) _sizes.TryAdd(k, v);
        foreach (var (k, v) in other._rvas) _rvas.TryAdd(k, v);
    }

    public string Describe() => $"ntkrnlmp.pdb {PdbId ?? "(unknown id)"}" + (Version is null ? Build is null ? "" : $" build {Build}" : $" {Version}");
}

internal sealed class KernelProfileException(string message) : IOException(message);

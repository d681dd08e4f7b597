using MemFs.Aff4.Caching;
using MemFs.Translate.Extended;
using MemFs.Translate.Paging;
using MemFs.Translate.Windows.Layouts;

namespace MemFs.Translate.Windows.Kernel;

/// <summary>
/// What symbol-less discovery found: the DTB and kernel base with every candidate and its rule, the kernel's
/// identity, and a translator for kernel reads built with the identified build's paging settings. Null members
/// were not found; <see cref="Warnings"/> says why.
/// </summary>
public sealed record KernelDiscoveryResult
{
    public required DtbSearch DtbSearch { get; init; }
    public ulong? Dtb { get; init; }
    public string? DtbSource { get; init; }
    public KernelSearch? KernelSearch { get; init; }
    public KernelIdentity? Identity { get; init; }
    public PagingSettings? Settings { get; init; }
    public WindowsTranslator? Translator { get; init; }
    public IExtendedSpace? Space { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The session's bounded cache that every translator made from this result keeps page tables in (null: each its own).</summary>
    public ChunkCache? TableCache { get; init; }

    /// <summary>
    /// A translator over the same space and DTB with other settings: the hook for the real InvalidPteMask
    /// (nt!MiState.Hardware.InvalidPteMask, read once a profile gives the RVA and offsets) and for section objects.
    /// </summary>
    public WindowsTranslator CreateTranslator(PagingSettings settings, ISectionObjects? sections) =>
        new(Space ?? throw new InvalidOperationException("no address space: discovery found no DTB"), settings,
            Dtb ?? throw new InvalidOperationException("discovery found no DTB"), sections, TableCache);

    /// <summary>
    /// Settings with InvalidPteMask read from the kernel at <paramref name="location"/> (MiState RVA + the Hardware
    /// and InvalidPteMask offsets, from the profile <paramref name="profileName"/>); null when the profile has no
    /// such location or the read fails.
    /// </summary>
    internal PagingSettings? SettingsWithInvalidPteMask(InvalidPteMaskLayout? location, string profileName)
    {
        if (Translator is null || Identity is null || Settings is null || location is null) return null;
        Span<byte> b = stackalloc byte[8];
        if (!Translator.TryRead(Identity.Base + location.Rva, b, out _)) return null;
        var value = BitConverter.ToUInt64(b);
        return Settings with { InvalidPteMask = value, InvalidPteMaskSource = $"nt!MiState.Hardware.InvalidPteMask ({profileName})" };
    }
}

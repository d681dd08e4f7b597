using MemFs.Translate.Windows.Kernel;

namespace MemFs.Vfs.Patches;

/// <summary>
/// A module's exported functions by RVA, read from the mapped image's IMAGE_EXPORT_DIRECTORY (names, name ordinals
/// and function RVAs, forwarders left out; <see cref="PeImageView.ReadExports"/> bounds every count and name), to
/// name an address as module!Export+0xN after the nearest export at or below it.
/// </summary>
internal sealed class ExportSymbols
{
    private readonly (uint Rva, string Name)[] _byRva;

    private ExportSymbols((uint Rva, string Name)[] byRva, string? missing)
    {
        _byRva = byRva;
        Missing = missing;
    }

    /// <summary>Why there are no exports to name addresses by (no export directory, unreadable), or null.</summary>
    public string? Missing { get; }

    public static ExportSymbols Of(PeImageView image)
    {
        var exports = image.ReadExports(out var why);
        // Aliases share an RVA: the ordinally first name stands for it, so the report does not depend on hash order.
        var byRva = exports.GroupBy(e => e.Value).Select(g => (g.Key, g.Select(e => e.Key).Order(StringComparer.Ordinal).First()))
            .OrderBy(e => e.Key).ToArray();
        return new ExportSymbols(byRva, byRva.Length == 0 ? why ?? "no named exports" : null);
    }

    /// <summary>"module!Export+0xN" for the nearest export at or below <paramref name="rva"/>, or null when none is.</summary>
    public string? Describe(string module, long rva)
    {
        int low = 0, high = _byRva.Length - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (_byRva[mid].Rva <= rva) { found = mid; low = mid + 1; }
            else high = mid - 1;
        }
        return found < 0 ? null : $"{module}!{_byRva[found].Name}+0x{rva - _byRva[found].Rva:X}";
    }
}

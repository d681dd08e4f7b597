using System.Globalization;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>The symbol-server id of a PDB (GUID + age in hex) and Volatility's ISF file name (GUID-age in decimal).</summary>
internal static class PdbIds
{
    public static string Format(string guid, uint age) => guid.ToUpperInvariant() + age.ToString("X", CultureInfo.InvariantCulture);

    /// <summary>Upper-cases an id written by hand or in a table (e.g. JPCERT's README lists some in lower case).</summary>
    public static string Normalize(string id) => id.Trim().ToUpperInvariant();

    /// <summary>The id for a file named like Volatility's <c>&lt;GUID&gt;-&lt;AGE&gt;.json.xz</c>, or null.</summary>
    public static string? FromIsfFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        var dot = name.IndexOf('.');
        if (dot < 0) return null;
        var stem = name[..dot];
        var dash = stem.IndexOf('-');
        if (dash != 32 || !IsHex(stem.AsSpan(0, 32))) return null;
        return uint.TryParse(stem.AsSpan(33), NumberStyles.None, CultureInfo.InvariantCulture, out var age)
            ? Format(stem[..32], age)
            : null;
    }

    private static bool IsHex(ReadOnlySpan<char> s) => !s.ContainsAnyExcept("0123456789abcdefABCDEF");
}

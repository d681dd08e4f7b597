using System.Globalization;

namespace MemFs.Mount.Cli;

/// <summary>Parses offsets and lengths the way analysts write them: 4096, 0x1000, 4K, 16M, 2G.</summary>
internal static class NumberParser
{
    /// <summary>A 64-bit address or mask: decimal or 0x hex, the whole unsigned range (kernel addresses have bit 63 set).</summary>
    public static ulong ParseAddress(string text, string what)
    {
        var t = text.Trim().Replace("_", "").Replace("`", "");
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok ? value : throw new UsageException($"{what} '{text}' is not an address (decimal or 0x hex, up to 0xFFFFFFFFFFFFFFFF)");
    }

    public static long Parse(string text, string what)
    {
        var t = text.Trim().Replace("_", "");
        long multiplier = 1;
        if (t.Length > 1 && !t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            multiplier = char.ToUpperInvariant(t[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1 };
            if (multiplier != 1) t = t[..^1];
        }
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok || value < 0) throw new UsageException($"{what} '{text}' is not a non-negative number (decimal, 0x hex, or with K/M/G/T)");
        try
        {
            return checked(value * multiplier);
        }
        catch (OverflowException)
        {
            throw new UsageException($"{what} '{text}' is too large");
        }
    }
}

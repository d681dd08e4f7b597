using System.Globalization;

namespace MemFs.Aff4.Streams;

/// <summary>The AFF4 streams that are defined by their name alone and stored nowhere.</summary>
public static class SymbolicStreams
{
    public const string Zero = "http://aff4.org/Schema#Zero";
    public const string UnknownData = "http://aff4.org/Schema#UnknownData";
    public const string UnreadableData = "http://aff4.org/Schema#UnreadableData";

    private const string Standard = "http://aff4.org/Schema#";
    private const string Afflib = "http://afflib.org/2009/aff4#";
    private const string AfflibSymbolic = "http://afflib.org/2012/SymbolicStream#";

    /// <summary>Opens the symbolic stream named by <paramref name="iri"/>, or returns null if it is not one.</summary>
    public static IAff4Stream? TryOpen(string iri)
    {
        if (TryGetFillByte(iri, out var fill)) return new RepeatedByteStream(iri, fill);
        var local = LocalName(iri);
        return local switch
        {
            "UnknownData" => new RepeatedTextStream(iri, "UNKNOWN"),
            "UnreadableData" => new RepeatedTextStream(iri, "UNREADABLEDATA"),
            _ => null,
        };
    }

    /// <summary>True if <paramref name="iri"/> names a symbolic stream of any kind.</summary>
    public static bool IsSymbolic(string iri) => TryGetFillByte(iri, out _) || LocalName(iri) is "UnknownData" or "UnreadableData";

    /// <summary>True for the symbolic streams that mark bytes the imager could not acquire.</summary>
    public static bool MarksMissingData(string iri) => LocalName(iri) is "UnknownData" or "UnreadableData";

    public static bool TryGetFillByte(string iri, out byte value)
    {
        value = 0;
        var local = LocalName(iri);
        if (local is null) return false;
        switch (local)
        {
            case "Zero" or "NoData":
                return true;
            case "FFDevice" or "FF" when iri.StartsWith(Standard, StringComparison.Ordinal) || iri.StartsWith(Afflib, StringComparison.Ordinal):
                value = 0xFF;
                return true;
        }
        var hex = local.StartsWith("SymbolicStream", StringComparison.Ordinal) ? local["SymbolicStream".Length..]
            : iri.StartsWith(AfflibSymbolic, StringComparison.Ordinal) || iri.StartsWith(Afflib, StringComparison.Ordinal) ? local
            : null;
        return hex is { Length: 2 } && byte.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static string? LocalName(string iri)
    {
        foreach (var ns in (ReadOnlySpan<string>)[Standard, Afflib, AfflibSymbolic])
            if (iri.StartsWith(ns, StringComparison.Ordinal)) return iri[ns.Length..];
        return null;
    }
}

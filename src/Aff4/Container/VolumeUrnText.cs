namespace MemFs.Aff4.Container;

/// <summary>Cleans a volume URN taken from the Zip comment or from <c>container.description</c>.</summary>
internal static class VolumeUrnText
{
    private const string Scheme = "aff4:";
    private static readonly char[] Padding = ['\0', ' ', '\t', '\r', '\n', '\f', '\v'];

    /// <summary>The URN, or null when the text does not hold one.</summary>
    public static string? Normalise(string? text)
    {
        // Evimetry appends a NUL to the comment.
        var urn = text?.Trim(Padding);
        if (string.IsNullOrEmpty(urn) || !urn.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var rest = urn[Scheme.Length..];
        // Very early c-aff4 documentation shows the single-slash form aff4:/uuid.
        if (rest.StartsWith('/') && !rest.StartsWith("//", StringComparison.Ordinal))
            return urn[..Scheme.Length] + "/" + rest;
        return urn;
    }
}

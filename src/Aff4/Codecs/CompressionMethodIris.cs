namespace MemFs.Aff4.Codecs;

/// <summary>Maps aff4:compressionMethod IRIs, as written by every known producer, to a <see cref="CompressionMethod"/>.</summary>
public static class CompressionMethodIris
{
    /// <summary>
    /// Recognises the IRI case-sensitively; the http and https spelling of each IRI and a
    /// trailing-slash difference are accepted because writers disagree on both.
    /// </summary>
    public static bool TryParse(string? iri, out CompressionMethod method)
    {
        method = CompressionMethod.Stored;
        if (iri is null)
            return false;

        ReadOnlySpan<char> rest = iri;
        if (rest.StartsWith("https://", StringComparison.Ordinal))
            rest = rest["https://".Length..];
        else if (rest.StartsWith("http://", StringComparison.Ordinal))
            rest = rest["http://".Length..];
        else
            return false;
        if (rest.EndsWith('/'))
            rest = rest[..^1];

        switch (rest)
        {
            case "code.google.com/p/snappy":
            case "github.com/google/snappy":
                method = CompressionMethod.Snappy;
                return true;
            case "www.ietf.org/rfc/rfc1950.txt":
                method = CompressionMethod.Zlib;
                return true;
            case "tools.ietf.org/html/rfc1951":
                method = CompressionMethod.Deflate;
                return true;
            case "code.google.com/p/lz4":
                method = CompressionMethod.Lz4;
                return true;
            case "aff4.org/Schema#NullCompressor":
            case "afflib.org/2009/aff4#nullCompressor":
            case "aff4.org/Schema#compression/stored":
                method = CompressionMethod.Stored;
                return true;
            default:
                return false;
        }
    }
}

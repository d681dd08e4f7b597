using System.Text;

namespace MemFs.Aff4.Rdf;

/// <summary>
/// Resolves relative IRI references against a base IRI (RFC 3986 §5.2) purely on strings.
/// <see cref="System.Uri"/> is unsuitable: it case-folds and escapes <c>aff4:</c> IRIs.
/// </summary>
internal static class IriResolver
{
    /// <summary>True when the reference starts with a scheme (<c>aff4:</c>, <c>http:</c>, ...).</summary>
    public static bool IsAbsolute(string iri) => IriReference.Parse(iri).Scheme is not null;

    /// <summary>The target IRI of <paramref name="reference"/> relative to <paramref name="baseIri"/> (§5.2.2).</summary>
    public static string Resolve(string baseIri, string reference)
    {
        var b = IriReference.Parse(baseIri);
        var r = IriReference.Parse(reference);

        if (r.Scheme is not null)
            return (r with { Path = RemoveDotSegments(r.Path) }).ToString();
        if (r.Authority is not null)
            return (r with { Scheme = b.Scheme, Path = RemoveDotSegments(r.Path) }).ToString();

        string path;
        string? query;
        if (r.Path.Length == 0)
        {
            path = b.Path;
            query = r.Query ?? b.Query;
        }
        else
        {
            path = RemoveDotSegments(r.Path.StartsWith('/') ? r.Path : Merge(b, r.Path));
            query = r.Query;
        }
        return new IriReference(b.Scheme, b.Authority, path, query, r.Fragment).ToString();
    }

    /// <summary>§5.2.3: a base with an authority and an empty path contributes "/".</summary>
    private static string Merge(IriReference b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0) return "/" + relativePath;
        var lastSlash = b.Path.LastIndexOf('/');
        return lastSlash < 0 ? relativePath : b.Path[..(lastSlash + 1)] + relativePath;
    }

    /// <summary>§5.2.4. Every step shortens the input, so the loop ends.</summary>
    internal static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.')) return path;
        var input = path;
        var output = new StringBuilder(path.Length);
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal)) input = input[3..];
            else if (input.StartsWith("./", StringComparison.Ordinal)) input = input[2..];
            else if (input.StartsWith("/./", StringComparison.Ordinal)) input = input[2..];
            else if (input == "/.") input = "/";
            else if (input.StartsWith("/../", StringComparison.Ordinal)) { input = input[3..]; RemoveLastSegment(output); }
            else if (input == "/..") { input = "/"; RemoveLastSegment(output); }
            else if (input is "." or "..") input = "";
            else
            {
                var next = input.IndexOf('/', 1);
                if (next < 0) next = input.Length;
                output.Append(input, 0, next);
                input = input[next..];
            }
        }
        return output.ToString();
    }

    private static void RemoveLastSegment(StringBuilder output)
    {
        var at = output.Length - 1;
        while (at >= 0 && output[at] != '/') at--;
        output.Length = Math.Max(at, 0);
    }
}

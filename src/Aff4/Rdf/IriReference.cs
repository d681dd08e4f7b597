using System.Text;

namespace MemFs.Aff4.Rdf;

/// <summary>
/// The five components of an IRI reference, split as in RFC 3986 Appendix B. Null means the
/// component is absent, which differs from present but empty (<c>aff4://x?</c>).
/// </summary>
internal readonly record struct IriReference(string? Scheme, string? Authority, string Path, string? Query, string? Fragment)
{
    public static IriReference Parse(string text)
    {
        var at = 0;
        string? scheme = null;
        var schemeEnd = text.AsSpan().IndexOfAny(":/?#");
        if (schemeEnd > 0 && text[schemeEnd] == ':')
        {
            scheme = text[..schemeEnd];
            at = schemeEnd + 1;
        }

        string? authority = null;
        if (text.AsSpan(at).StartsWith("//"))
        {
            var end = EndOf(text, at + 2, "/?#");
            authority = text[(at + 2)..end];
            at = end;
        }

        var pathEnd = EndOf(text, at, "?#");
        var path = text[at..pathEnd];
        at = pathEnd;

        string? query = null;
        if (at < text.Length && text[at] == '?')
        {
            var end = EndOf(text, at + 1, "#");
            query = text[(at + 1)..end];
            at = end;
        }

        string? fragment = at < text.Length ? text[(at + 1)..] : null;
        return new IriReference(scheme, authority, path, query, fragment);
    }

    /// <summary>Recomposition, RFC 3986 §5.3.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Scheme is not null) text.Append(Scheme).Append(':');
        if (Authority is not null) text.Append("//").Append(Authority);
        text.Append(Path);
        if (Query is not null) text.Append('?').Append(Query);
        if (Fragment is not null) text.Append('#').Append(Fragment);
        return text.ToString();
    }

    private static int EndOf(string text, int start, string stopChars)
    {
        var found = text.AsSpan(start).IndexOfAny(stopChars);
        return found < 0 ? text.Length : start + found;
    }
}

using System.Globalization;
using System.Text;

namespace MemFs.Aff4.Rdf;

/// <summary>
/// An RDF term. For IRIs <see cref="Value"/> is the absolute IRI, for blank nodes the label
/// (without <c>_:</c>), for literals the lexical form. <see cref="Datatype"/> is null for plain and
/// language-tagged literals.
/// </summary>
public sealed record RdfTerm(RdfTermKind Kind, string Value, string? Datatype = null, string? Language = null)
{
    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri);

    public static RdfTerm Blank(string label) => new(RdfTermKind.BlankNode, label);

    public static RdfTerm Literal(string value, string? datatype = null, string? language = null) =>
        new(RdfTermKind.Literal, value, datatype, language);

    public bool IsIri => Kind == RdfTermKind.Iri;

    public bool IsLiteral => Kind == RdfTermKind.Literal;

    /// <summary>
    /// Parses a literal's lexical form as a signed integer whatever its datatype: AFF4 writers use
    /// xsd:int, xsd:long, xsd:integer, xsd:string (old Rekall) or no datatype for the same numbers.
    /// </summary>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return Kind == RdfTermKind.Literal
            && long.TryParse(Value.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <inheritdoc cref="TryGetInt64"/>
    public bool TryGetUInt64(out ulong value)
    {
        value = 0;
        return Kind == RdfTermKind.Literal
            && ulong.TryParse(Value.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>N-Triples-like form: <c>&lt;iri&gt;</c>, <c>_:label</c>, <c>"text"@lang</c>, <c>"text"^^&lt;dt&gt;</c>.</summary>
    public override string ToString() => Kind switch
    {
        RdfTermKind.Iri => $"<{Value}>",
        RdfTermKind.BlankNode => $"_:{Value}",
        _ => FormatLiteral(),
    };

    private string FormatLiteral()
    {
        var text = new StringBuilder(Value.Length + 2).Append('"');
        foreach (var c in Value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default: text.Append(c); break;
            }
        }
        text.Append('"');
        if (Language is not null) text.Append('@').Append(Language);
        else if (Datatype is not null) text.Append("^^<").Append(Datatype).Append('>');
        return text.ToString();
    }
}

namespace MemFs.Aff4.Rdf;

/// <summary>The three kinds of RDF term.</summary>
public enum RdfTermKind
{
    Iri,
    BlankNode,
    Literal,
}

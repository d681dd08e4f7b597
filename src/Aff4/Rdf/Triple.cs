namespace MemFs.Aff4.Rdf;

/// <summary>One RDF statement.</summary>
public readonly record struct Triple(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object)
{
    public override string ToString() => $"{Subject} {Predicate} {Object} .";
}

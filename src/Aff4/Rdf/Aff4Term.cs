namespace MemFs.Aff4.Rdf;

/// <summary>
/// One AFF4 concept (a type or a property) with every IRI producers have used for it, in lookup
/// order: AFF4 Standard, then Rekall/"scudette" legacy, then Evimetry pre-standard (afflib) — the
/// order pyaff4 tries its lexicons in.
/// </summary>
public sealed class Aff4Term
{
    public Aff4Term(string name, params string[] iris)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (iris.Length == 0) throw new ArgumentException("an AFF4 term needs at least one IRI", nameof(iris));
        Name = name;
        Iris = Array.AsReadOnly(iris.ToArray());
    }

    public string Name { get; }

    public IReadOnlyList<string> Iris { get; }

    /// <summary>The AFF4 Standard IRI (the first candidate).</summary>
    public string Iri => Iris[0];

    public bool Matches(string iri) => Iris.Contains(iri, StringComparer.Ordinal);

    public override string ToString() => Name;
}

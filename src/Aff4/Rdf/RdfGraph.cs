namespace MemFs.Aff4.Rdf;

/// <summary>
/// A set of triples indexed by subject and predicate, keeping document order. Subjects are named by
/// their IRI; blank-node subjects as <c>_:label</c>. Duplicate triples are dropped, so the graphs
/// of every volume of a set can be added in turn (c-aff4 repeats earlier metadata in later volumes).
/// All members are thread-safe; results are snapshots.
/// </summary>
public sealed class RdfGraph
{
    private readonly Lock _lock = new();
    private readonly HashSet<Triple> _seen = [];
    private readonly List<Triple> _triples = [];
    private readonly Dictionary<string, Dictionary<string, List<RdfTerm>>> _bySubject = new(StringComparer.Ordinal);
    private readonly List<string> _subjectOrder = [];

    public RdfGraph()
    {
    }

    public RdfGraph(IEnumerable<Triple> triples) => Add(triples);

    public IReadOnlyList<Triple> Triples
    {
        get { lock (_lock) return _triples.ToArray(); }
    }

    /// <summary>Every subject once, in order of first appearance.</summary>
    public IEnumerable<string> Subjects
    {
        get { lock (_lock) return _subjectOrder.ToArray(); }
    }

    public void Add(IEnumerable<Triple> triples)
    {
        ArgumentNullException.ThrowIfNull(triples);
        lock (_lock)
        {
            foreach (var triple in triples)
            {
                if (triple.Predicate.Kind != RdfTermKind.Iri)
                    throw new ArgumentException($"predicate must be an IRI: {triple}", nameof(triples));
                if (triple.Subject.Kind == RdfTermKind.Literal)
                    throw new ArgumentException($"subject must not be a literal: {triple}", nameof(triples));
                if (!_seen.Add(triple)) continue;
                _triples.Add(triple);
                var subject = SubjectKey(triple.Subject);
                if (!_bySubject.TryGetValue(subject, out var predicates))
                {
                    predicates = new Dictionary<string, List<RdfTerm>>(StringComparer.Ordinal);
                    _bySubject.Add(subject, predicates);
                    _subjectOrder.Add(subject);
                }
                if (!predicates.TryGetValue(triple.Predicate.Value, out var objects))
                {
                    objects = [];
                    predicates.Add(triple.Predicate.Value, objects);
                }
                objects.Add(triple.Object);
            }
        }
    }

    /// <summary>The key under which a subject term is found: its IRI, or <c>_:label</c> for a blank node.</summary>
    public static string SubjectKey(RdfTerm subject) =>
        subject.Kind == RdfTermKind.BlankNode ? "_:" + subject.Value : subject.Value;

    /// <summary>Objects of one exact predicate IRI, in document order.</summary>
    public IReadOnlyList<RdfTerm> Objects(string subject, string predicate)
    {
        lock (_lock) return ObjectsLocked(subject, predicate)?.ToArray() ?? [];
    }

    /// <summary>Objects of the first of the term's IRIs that has any for this subject.</summary>
    public IReadOnlyList<RdfTerm> Objects(string subject, Aff4Term term)
    {
        lock (_lock)
        {
            foreach (var iri in term.Iris)
            {
                var objects = ObjectsLocked(subject, iri);
                if (objects is { Count: > 0 }) return objects.ToArray();
            }
            return [];
        }
    }

    public RdfTerm? First(string subject, Aff4Term term)
    {
        var objects = Objects(subject, term);
        return objects.Count > 0 ? objects[0] : null;
    }

    /// <summary>The first value of the term that parses as an integer, whatever its datatype.</summary>
    public bool TryGetInt64(string subject, Aff4Term term, out long value)
    {
        foreach (var candidate in Objects(subject, term))
            if (candidate.TryGetInt64(out value)) return true;
        value = 0;
        return false;
    }

    /// <inheritdoc cref="TryGetInt64"/>
    public bool TryGetUInt64(string subject, Aff4Term term, out ulong value)
    {
        foreach (var candidate in Objects(subject, term))
            if (candidate.TryGetUInt64(out value)) return true;
        value = 0;
        return false;
    }

    /// <summary>The first value's lexical form or IRI, or null.</summary>
    public string? GetString(string subject, Aff4Term term) => First(subject, term)?.Value;

    /// <inheritdoc cref="GetString(string, Aff4Term)"/>
    public string? GetString(string subject, string predicate)
    {
        var objects = Objects(subject, predicate);
        return objects.Count > 0 ? objects[0].Value : null;
    }

    /// <summary>IRIs of the subject's <c>rdf:type</c>s, in document order.</summary>
    public IReadOnlyList<string> TypesOf(string subject)
    {
        lock (_lock) return TypesOfLocked(subject).ToArray();
    }

    public bool IsA(string subject, Aff4Term typeTerm)
    {
        lock (_lock) return TypesOfLocked(subject).Any(typeTerm.Matches);
    }

    /// <summary>Subjects typed with any of the term's IRIs, in order of first appearance.</summary>
    public IReadOnlyList<string> SubjectsOfType(Aff4Term typeTerm)
    {
        lock (_lock) return _subjectOrder.Where(s => TypesOfLocked(s).Any(typeTerm.Matches)).ToArray();
    }

    /// <summary>Subjects having the IRI <paramref name="objectIri"/> as a value of any of the predicate's IRIs.</summary>
    public IReadOnlyList<string> SubjectsWith(Aff4Term predicate, string objectIri)
    {
        lock (_lock)
        {
            return _subjectOrder
                .Where(s => predicate.Iris.Any(p => ObjectsLocked(s, p)?.Any(o => o.IsIri && o.Value == objectIri) == true))
                .ToArray();
        }
    }

    private List<RdfTerm>? ObjectsLocked(string subject, string predicate) =>
        _bySubject.TryGetValue(subject, out var predicates) && predicates.TryGetValue(predicate, out var objects)
            ? objects
            : null;

    private IEnumerable<string> TypesOfLocked(string subject) =>
        ObjectsLocked(subject, Aff4Namespaces.RdfType)?.Where(t => t.IsIri).Select(t => t.Value) ?? [];
}

using MemFs.Aff4.Rdf;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Rdf;

public class RdfGraphTests
{
    private const string Prefixes = """
        @prefix aff4: <http://aff4.org/Schema#> .
        @prefix afflib: <http://afflib.org/2009/aff4#> .
        @prefix memory: <http://aff4.org/Schema#memory/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

        """;

    private static RdfGraph Graph(string body) => new(TurtleParser.Parse(Prefixes + body, "test.turtle"));

    [Test]
    public void StandardNameWinsOverLegacyWhateverTheDocumentOrder()
    {
        var graph = Graph("<aff4://s> aff4:chunk_size 32768 ; afflib:chunk_size 512 ; aff4:chunkSize 65536 .");

        Assert.That(graph.Objects("aff4://s", Aff4Vocabulary.ChunkSize).Select(o => o.Value), Is.EqualTo(new[] { "65536" }));
        Assert.That(graph.TryGetInt64("aff4://s", Aff4Vocabulary.ChunkSize, out var chunkSize), Is.True);
        Assert.That(chunkSize, Is.EqualTo(65536));
    }

    [Test]
    public void ScudetteNameWinsOverAfflibAndAfflibIsTheLastResort()
    {
        var graph = Graph("""
            <aff4://b> afflib:chunks_in_segment 2048 ; aff4:chunks_per_segment 1024 .
            <aff4://a> afflib:chunks_in_segment 2048 ; afflib:CompressionMethod <http://code.google.com/p/snappy/> .
            """);

        Assert.That(graph.GetString("aff4://b", Aff4Vocabulary.ChunksInSegment), Is.EqualTo("1024"));
        Assert.That(graph.GetString("aff4://a", Aff4Vocabulary.ChunksInSegment), Is.EqualTo("2048"));
        Assert.That(graph.First("aff4://a", Aff4Vocabulary.CompressionMethod), Is.EqualTo(RdfTerm.Iri("http://code.google.com/p/snappy/")));
        Assert.That(graph.First("aff4://a", Aff4Vocabulary.Size), Is.Null);
        Assert.That(graph.GetString("aff4://nobody", Aff4Vocabulary.Size), Is.Null);
    }

    [Test]
    public void LowerCaseImageIsAStreamNotAnImage()
    {
        var graph = Graph("""
            <aff4://v/PhysicalMemory/data> a aff4:image .
            <aff4://v/PhysicalMemory> a aff4:map .
            <aff4://e> a aff4:Image , aff4:DiskImage .
            <aff4://p> a afflib:stream .
            """);

        Assert.That(graph.SubjectsOfType(Aff4Vocabulary.ImageStream), Is.EqualTo(new[] { "aff4://v/PhysicalMemory/data", "aff4://p" }));
        Assert.That(graph.SubjectsOfType(Aff4Vocabulary.Image), Is.EqualTo(new[] { "aff4://e" }));
        Assert.That(graph.IsA("aff4://v/PhysicalMemory", Aff4Vocabulary.Map), Is.True);
        Assert.That(graph.IsA("aff4://v/PhysicalMemory/data", Aff4Vocabulary.Image), Is.False);
        Assert.That(graph.TypesOf("aff4://e"), Is.EqualTo(new[] { Aff4Namespaces.Standard + "Image", Aff4Namespaces.Standard + "DiskImage" }));
        Assert.That(graph.TypesOf("aff4://nobody"), Is.Empty);
    }

    [Test]
    public void SubjectsOfTypeListsEachSubjectOnceInDocumentOrder()
    {
        var graph = Graph("""
            <aff4://b> a aff4:ImageStream .
            <aff4://a> aff4:size 1 .
            <aff4://c> a aff4:ImageStream , aff4:image .
            <aff4://a> a aff4:image .
            """);

        Assert.That(graph.SubjectsOfType(Aff4Vocabulary.ImageStream), Is.EqualTo(new[] { "aff4://b", "aff4://a", "aff4://c" }));
        Assert.That(graph.Subjects, Is.EqualTo(new[] { "aff4://b", "aff4://a", "aff4://c" }));
    }

    [Test]
    public void SubjectsWithMatchesIriObjects()
    {
        var graph = Graph("""
            <aff4://v/c:/pagefile.sys> aff4:category memory:pagefile ; memory:pagefile_number 0 .
            <aff4://v/PhysicalMemory> aff4:category memory:physical .
            <aff4://v/other> aff4:category "http://aff4.org/Schema#memory/physical" .
            """);

        Assert.That(graph.SubjectsWith(Aff4Vocabulary.Category, Aff4Vocabulary.MemoryPhysical), Is.EqualTo(new[] { "aff4://v/PhysicalMemory" }));
        Assert.That(graph.SubjectsWith(Aff4Vocabulary.Category, Aff4Vocabulary.MemoryPagefile), Is.EqualTo(new[] { "aff4://v/c:/pagefile.sys" }));
        Assert.That(graph.TryGetInt64("aff4://v/c:/pagefile.sys", Aff4Vocabulary.PagefileNumber, out var number) && number == 0, Is.True);
    }

    [Test]
    public void AddingTheSameTriplesAgainDeduplicates()
    {
        var triples = TurtleParser.Parse(Prefixes + "<aff4://s> aff4:hash \"a\"^^aff4:MD5 , \"b\"^^aff4:SHA1 ; aff4:size 5 .", "t");
        var graph = new RdfGraph(triples);

        graph.Add(triples);
        graph.Add(TurtleParser.Parse(Prefixes + "<aff4://s> aff4:hash \"a\"^^aff4:MD5 , \"a\"^^aff4:SHA1 .", "second volume"));

        Assert.That(graph.Triples, Has.Count.EqualTo(4));
        Assert.That(graph.Objects("aff4://s", Aff4Vocabulary.Hash).Select(o => o.ToString()), Is.EqualTo(new[]
        {
            "\"a\"^^<http://aff4.org/Schema#MD5>",
            "\"b\"^^<http://aff4.org/Schema#SHA1>",
            "\"a\"^^<http://aff4.org/Schema#SHA1>",
        }));
    }

    [Test]
    public void IntegersParseWhateverTheDatatype()
    {
        var graph = Graph("""
            <aff4://s> aff4:size "8531652608"^^xsd:string .
            <aff4://t> aff4:size " 42 " .
            <aff4://u> aff4:size "9223372036854775807"^^xsd:long .
            <aff4://w> aff4:size "18446744073709551615"^^xsd:integer .
            <aff4://x> aff4:size <aff4://notanumber> .
            <aff4://y> aff4:size "n/a" , 7 .
            """);

        Assert.That(graph.TryGetInt64("aff4://s", Aff4Vocabulary.Size, out var s) ? s : -1, Is.EqualTo(8531652608));
        Assert.That(graph.TryGetInt64("aff4://t", Aff4Vocabulary.Size, out var t) ? t : -1, Is.EqualTo(42));
        Assert.That(graph.TryGetInt64("aff4://u", Aff4Vocabulary.Size, out var u) ? u : -1, Is.EqualTo(long.MaxValue));
        Assert.That(graph.TryGetInt64("aff4://w", Aff4Vocabulary.Size, out _), Is.False);
        Assert.That(graph.TryGetUInt64("aff4://w", Aff4Vocabulary.Size, out var w) ? w : 0, Is.EqualTo(ulong.MaxValue));
        Assert.That(graph.TryGetInt64("aff4://x", Aff4Vocabulary.Size, out _), Is.False);
        Assert.That(graph.TryGetInt64("aff4://y", Aff4Vocabulary.Size, out var y) ? y : -1, Is.EqualTo(7));
    }

    [Test]
    public void ObjectsByExactPredicateIri()
    {
        var graph = Graph("<aff4://s> aff4:stored <aff4://v> ; aff4:notes \"n\" .");

        Assert.That(graph.Objects("aff4://s", Aff4Namespaces.Standard + "stored"), Is.EqualTo(new[] { RdfTerm.Iri("aff4://v") }));
        Assert.That(graph.GetString("aff4://s", Aff4Namespaces.Standard + "notes"), Is.EqualTo("n"));
        Assert.That(graph.Objects("aff4://s", Aff4Namespaces.Afflib + "stored"), Is.Empty);
    }

    [Test]
    public void BlankNodeSubjectsAreKeyedWithTheirLabel()
    {
        var graph = Graph("_:run aff4:memoryOffset 4096 .");

        Assert.That(graph.Subjects, Is.EqualTo(new[] { "_:run" }));
        Assert.That(graph.GetString("_:run", Aff4Vocabulary.MemoryOffset), Is.EqualTo("4096"));
    }

    [Test]
    public void ResultsAreSnapshotsThatCannotChangeTheGraph()
    {
        var graph = Graph("<aff4://s> aff4:size 1 .");

        if (graph.Objects("aff4://s", Aff4Vocabulary.Size) is IList<RdfTerm> list && !list.IsReadOnly) list.Clear();

        Assert.That(graph.Objects("aff4://s", Aff4Vocabulary.Size), Has.Count.EqualTo(1));
    }

    [Test]
    public void ConcurrentReadersSeeTheSameAnswers()
    {
        var body = string.Concat(Enumerable.Range(0, 200).Select(i => $"<aff4://s{i}> a aff4:ImageStream ; aff4:chunkSize {i} .\n"));
        var graph = Graph(body);

        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var subject = $"aff4://s{i % 200}";
            if (!graph.TryGetInt64(subject, Aff4Vocabulary.ChunkSize, out var value) || value != i % 200) Interlocked.Increment(ref failures);
            if (graph.SubjectsOfType(Aff4Vocabulary.ImageStream).Count != 200) Interlocked.Increment(ref failures);
        });

        Assert.That(failures, Is.Zero);
    }

    [Test]
    public void RejectsLiteralSubjectsAndNonIriPredicates()
    {
        var graph = new RdfGraph();

        Assert.That(() => graph.Add([new Triple(RdfTerm.Literal("x"), RdfTerm.Iri("p"), RdfTerm.Iri("o"))]), Throws.ArgumentException);
        Assert.That(() => graph.Add([new Triple(RdfTerm.Iri("s"), RdfTerm.Blank("p"), RdfTerm.Iri("o"))]), Throws.ArgumentException);
    }
}

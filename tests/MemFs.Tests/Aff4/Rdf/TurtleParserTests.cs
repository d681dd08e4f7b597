using MemFs.Aff4.Rdf;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Rdf;

public class TurtleParserTests
{
    private const string Aff4 = Aff4Namespaces.Standard;
    private const string Xsd = Aff4Namespaces.Xsd;

    private static List<string> Lines(string turtle, string? baseIri = null) =>
        TurtleParser.Parse(turtle, "test.turtle", baseIri).Select(t => t.ToString()).ToList();

    [Test]
    public void EvimetryJenaStyleWithEmptyPrefixAsVolumeAndTypedLiterals()
    {
        const string turtle = """
            @prefix :      <aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044> .
            @prefix rdf:   <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
            @prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .
            @prefix aff4:  <http://aff4.org/Schema#> .

            <aff4://c215ba20-5648-4209-a793-1f918c723610>
                    a                          aff4:ImageStream ;
                    aff4:chunkSize             "32768"^^xsd:int ;
                    aff4:hash                  "fbac"^^aff4:SHA1 , "d582"^^aff4:MD5 ;
                    aff4:stored                : .

            :       a                  aff4:ZipVolume ;
                    aff4:stored        "Base-Linear.aff4" .
            """;

        Assert.That(Lines(turtle), Is.EqualTo(new[]
        {
            $"<aff4://c215ba20-5648-4209-a793-1f918c723610> <{Aff4Namespaces.RdfType}> <{Aff4}ImageStream> .",
            $"<aff4://c215ba20-5648-4209-a793-1f918c723610> <{Aff4}chunkSize> \"32768\"^^<{Xsd}int> .",
            $"<aff4://c215ba20-5648-4209-a793-1f918c723610> <{Aff4}hash> \"fbac\"^^<{Aff4}SHA1> .",
            $"<aff4://c215ba20-5648-4209-a793-1f918c723610> <{Aff4}hash> \"d582\"^^<{Aff4}MD5> .",
            $"<aff4://c215ba20-5648-4209-a793-1f918c723610> <{Aff4}stored> <aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044> .",
            $"<aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044> <{Aff4Namespaces.RdfType}> <{Aff4}ZipVolume> .",
            $"<aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044> <{Aff4}stored> \"Base-Linear.aff4\" .",
        }));
    }

    [Test]
    public void CAff4RaptorStyleWithBaseRelativeIrisAndBareIntegers()
    {
        const string turtle = """
            @base <aff4://aba09986-0000-4000-8000-000000000001> .
            @prefix aff4: <http://aff4.org/Schema#> .  @prefix memory: <http://aff4.org/Schema#memory/> .
            </PhysicalMemory> aff4:category memory:physical ; aff4:size 4831838208 ;
                aff4:stored <> ; a aff4:Map .
            </C:/pagefile.sys> memory:pagefile_number 0 .
            """;

        var triples = TurtleParser.Parse(turtle, "test.turtle");

        Assert.That(triples, Has.Count.EqualTo(5));
        Assert.That(triples[0].Subject, Is.EqualTo(RdfTerm.Iri("aff4://aba09986-0000-4000-8000-000000000001/PhysicalMemory")));
        Assert.That(triples[0].Object, Is.EqualTo(RdfTerm.Iri(Aff4Vocabulary.MemoryPhysical)));
        Assert.That(triples[1].Object, Is.EqualTo(RdfTerm.Literal("4831838208", Xsd + "integer")));
        Assert.That(triples[2].Object, Is.EqualTo(RdfTerm.Iri("aff4://aba09986-0000-4000-8000-000000000001")));
        Assert.That(triples[3].Predicate.Value, Is.EqualTo(Aff4Namespaces.RdfType));
        Assert.That(triples[4].Subject.Value, Is.EqualTo("aff4://aba09986-0000-4000-8000-000000000001/C:/pagefile.sys"));
        Assert.That(triples[4].Predicate.Value, Is.EqualTo("http://aff4.org/Schema#memory/pagefile_number"));
    }

    [Test]
    public void BaseIriArgumentResolvesRelativeIrisUntilABaseDirective()
    {
        const string turtle = "<a> <p> <b> .\n@base <aff4://other/x/> .\n<c> <../p> <> .";

        Assert.That(Lines(turtle, "aff4://vol"), Is.EqualTo(new[]
        {
            "<aff4://vol/a> <aff4://vol/p> <aff4://vol/b> .",
            "<aff4://other/x/c> <aff4://other/p> <aff4://other/x/> .",
        }));
    }

    [Test]
    public void RelativeIrisWithoutAnyBaseAreKeptAsWritten()
    {
        Assert.That(Lines("</PhysicalMemory> <p> <> ."), Is.EqualTo(new[] { "</PhysicalMemory> <p> <> ." }));
    }

    [Test]
    public void RdflibStyleAbsoluteIrisAndPrefixedDatatypeFollowedByCommaOrDot()
    {
        const string turtle = """
            @prefix aff4: <http://aff4.org/Schema#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

            <aff4://fcbfdce7-4488-4677-abf6-08bc931e195b> a aff4:Map ;
                aff4:hash "aaa"^^aff4:MD5,
                    "bbb"^^aff4:SHA1;
                aff4:mapGapDefaultStream aff4:Zero;
                aff4:size "268435456"^^xsd:long.
            <aff4://x> aff4:target aff4:Zero.
            """;

        var triples = TurtleParser.Parse(turtle, "test.turtle");

        Assert.That(triples.Select(t => t.Object), Is.EqualTo(new[]
        {
            RdfTerm.Iri(Aff4 + "Map"),
            RdfTerm.Literal("aaa", Aff4 + "MD5"),
            RdfTerm.Literal("bbb", Aff4 + "SHA1"),
            RdfTerm.Iri(Aff4 + "Zero"),
            RdfTerm.Literal("268435456", Xsd + "long"),
            RdfTerm.Iri(Aff4 + "Zero"),
        }));
    }

    [Test]
    public void SparqlStylePrefixAndBaseWithoutDot()
    {
        const string turtle = "BASE <aff4://vol>\nprefix aff4: <http://aff4.org/Schema#>\n</data> aff4:size 1 .";

        Assert.That(Lines(turtle), Is.EqualTo(new[] { $"<aff4://vol/data> <{Aff4}size> \"1\"^^<{Xsd}integer> ." }));
    }

    [Test]
    public void PrefixedNamesWithEmptyLocalPartDotsDashesDigitsPercentAndEscapes()
    {
        const string turtle = """
            @prefix ex: <http://example.org/> .
            @prefix ns1: <http://ns1/> .
            ex: ex:a.b-c_1 ex:9lives .
            ex:%41b ns1:a\,b ex:with\.dot\. .
            ex:x ex:p ex:end.
            """;

        Assert.That(Lines(turtle), Is.EqualTo(new[]
        {
            "<http://example.org/> <http://example.org/a.b-c_1> <http://example.org/9lives> .",
            "<http://example.org/%41b> <http://ns1/a,b> <http://example.org/with.dot.> .",
            "<http://example.org/x> <http://example.org/p> <http://example.org/end> .",
        }));
    }

    [Test]
    public void NameEndingInDotsLeavesTheDotsAsPunctuation()
    {
        // "ex:end..." : the name stops before the dots; the first dot ends the statement.
        Assert.That(() => TurtleParser.Parse("@prefix ex: <http://e/> .\nex:x ex:p ex:end... .", "t"),
            Throws.TypeOf<TurtleSyntaxException>());
        var triples = TurtleParser.Parse("@prefix ex: <http://e/> .\nex:x ex:p ex:end.", "t");
        Assert.That(triples.Single().Object, Is.EqualTo(RdfTerm.Iri("http://e/end")));
    }

    [Test]
    public void ShortAndLongStringsWithEscapes()
    {
        const string turtle = """
            <s> <p> "tab\there\nnew \"q\" back\\slash \u00e9 \U0001F600 \r\b\f\'" .
            <s> <p> 'single "quoted"' .
            <s> <p> "C:\\Windows\\SysNative\\drivers\\acpi.sys"^^<http://www.w3.org/2001/XMLSchema#string> .
            """;

        var objects = TurtleParser.Parse(turtle, "t").Select(t => t.Object).ToList();

        Assert.That(objects[0].Value, Is.EqualTo("tab\there\nnew \"q\" back\\slash \u00e9 \U0001F600 \r\b\f'"));
        Assert.That(objects[1].Value, Is.EqualTo("single \"quoted\""));
        Assert.That(objects[2].Value, Is.EqualTo(@"C:\Windows\SysNative\drivers\acpi.sys"));
        Assert.That(objects[2].Datatype, Is.EqualTo(Xsd + "string"));
    }

    [Test]
    public void MultiLineLiterals()
    {
        var turtle = "<s> <p> \"\"\"line one\n  line \"two\" ''\r\nend\\t\"\"\" .\n<s> <q> '''a\nb''' .";

        var objects = TurtleParser.Parse(turtle, "t").Select(t => t.Object.Value).ToList();

        Assert.That(objects, Is.EqualTo(new[] { "line one\n  line \"two\" ''\r\nend\t", "a\nb" }));
    }

    [Test]
    public void LanguageTagsAndIriDatatypes()
    {
        var triples = TurtleParser.Parse("<s> <p> \"colour\"@en-GB , \"7\"^^<http://www.w3.org/2001/XMLSchema#int> , \"8\" ^^ <x:y> .", "t");

        Assert.That(triples[0].Object, Is.EqualTo(RdfTerm.Literal("colour", language: "en-GB")));
        Assert.That(triples[1].Object, Is.EqualTo(RdfTerm.Literal("7", Xsd + "int")));
        Assert.That(triples[2].Object, Is.EqualTo(RdfTerm.Literal("8", "x:y")));
    }

    [Test]
    public void NumbersAndBooleans()
    {
        var objects = TurtleParser.Parse("<s> <p> 32768, -5, +7, 1.5, -.5, 1e10, 2.5E-3, true, false, 123.", "t")
            .Select(t => t.Object).ToList();

        Assert.That(objects, Is.EqualTo(new[]
        {
            RdfTerm.Literal("32768", Xsd + "integer"),
            RdfTerm.Literal("-5", Xsd + "integer"),
            RdfTerm.Literal("+7", Xsd + "integer"),
            RdfTerm.Literal("1.5", Xsd + "decimal"),
            RdfTerm.Literal("-.5", Xsd + "decimal"),
            RdfTerm.Literal("1e10", Xsd + "double"),
            RdfTerm.Literal("2.5E-3", Xsd + "double"),
            RdfTerm.Literal("true", Xsd + "boolean"),
            RdfTerm.Literal("false", Xsd + "boolean"),
            RdfTerm.Literal("123", Xsd + "integer"),
        }));
    }

    [Test]
    public void RepeatedAndTrailingSemicolons()
    {
        Assert.That(Lines("<s> <p> 1 ;; <q> 2 ; ; .\n<t> <p> 3 ;\n."), Has.Count.EqualTo(3));
    }

    [Test]
    public void BlankNodesLabelledAndAnonymous()
    {
        const string turtle = """
            _:b1 <p> [ <q> "x" ; <r> [ <s> 1 ] ] .
            [] <p> _:b1 .
            [ <p> 2 ] .
            """;

        var triples = TurtleParser.Parse(turtle, "t");

        Assert.That(triples, Has.Count.EqualTo(6));
        var outer = triples.Single(t => t.Subject == RdfTerm.Blank("b1") && t.Predicate.Value == "p").Object;
        var inner = triples.Single(t => t.Subject == outer && t.Predicate.Value == "r").Object;
        Assert.That(outer.Kind, Is.EqualTo(RdfTermKind.BlankNode));
        Assert.That(inner.Kind, Is.EqualTo(RdfTermKind.BlankNode));
        Assert.That(inner, Is.Not.EqualTo(outer));
        Assert.That(triples.Single(t => t.Subject == inner).Object.Value, Is.EqualTo("1"));
        Assert.That(triples.Count(t => t.Object == RdfTerm.Blank("b1")), Is.EqualTo(1));
        Assert.That(triples.Select(t => t.Subject).Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public void Collections()
    {
        var triples = TurtleParser.Parse("<s> <p> ( 1 <o> ) , () .", "t");
        var rdf = Aff4Namespaces.Rdf;

        Assert.That(triples.Count(t => t.Predicate.Value == rdf + "first"), Is.EqualTo(2));
        Assert.That(triples.Count(t => t.Object.Value == rdf + "nil"), Is.EqualTo(2));
    }

    [Test]
    public void CommentsAreIgnoredButHashInsideIrisAndStringsIsKept()
    {
        const string turtle = """
            # leading comment
            @prefix aff4: <http://aff4.org/Schema#> . # after a directive
            <s> # between terms
                <http://aff4.org/Schema#mapGapDefaultStream> <http://aff4.org/Schema#Zero> ; # after ;
                aff4:note "not # a comment" .
            #final comment without newline
            """;

        Assert.That(Lines(turtle), Is.EqualTo(new[]
        {
            $"<s> <{Aff4}mapGapDefaultStream> <{Aff4}Zero> .",
            $"<s> <{Aff4}note> \"not # a comment\" .",
        }));
    }

    [Test]
    public void Utf8ByteOrderMarkIsTolerated()
    {
        Assert.That(Lines("\uFEFF@prefix a: <http://a/> .\na:s a:p \"ü\" ."), Is.EqualTo(new[] { "<http://a/s> <http://a/p> \"ü\" ." }));
    }

    [Test]
    public void EmptyDocumentHasNoTriples()
    {
        Assert.That(TurtleParser.Parse("  # nothing\n", "t"), Is.Empty);
    }

    [Test]
    public void NestingUpToTheCapIsAcceptedAndOneMoreLevelIsNot()
    {
        static string Nested(int levels) =>
            "<s> <p> " + string.Concat(Enumerable.Repeat("[ <p> ", levels)) + "1" + new string(']', levels) + " .";
        var cap = TurtleDocumentReader.MaxNestingDepth;

        Assert.That(TurtleParser.Parse(Nested(cap), "t"), Has.Count.EqualTo(cap + 1));
        Assert.That(() => TurtleParser.Parse(Nested(cap + 1), "t"), Throws.TypeOf<TurtleSyntaxException>());
    }

    [Test]
    public void DeeplyNestedBlankNodesFailCleanlyInsteadOfOverflowingTheStack()
    {
        var turtle = "<s> <p> " + string.Concat(Enumerable.Repeat("[ <p> ", 100_000)) + "1";

        var error = Assert.Throws<TurtleSyntaxException>(() => TurtleParser.Parse(turtle, "deep.turtle"))!;

        Assert.That(error.Message, Does.Contain("nested deeper than"));
        Assert.That(error.Line, Is.EqualTo(1));
    }

    [Test]
    public void PathologicalInputIsReadInLinearTime()
    {
        var dots = new string('.', 200_000);
        var turtle = $"@prefix e: <http://e/> .\ne:s e:p e:a{dots}b , e:c{dots} .";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.That(() => TurtleParser.Parse(turtle, "t"), Throws.TypeOf<TurtleSyntaxException>());
        Assert.That(TurtleParser.Parse($"@prefix e: <http://e/> .\ne:s e:p e:a{dots}b .", "t").Single().Object.Value, Has.Length.EqualTo(200_011));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void DeeplyNestedCollectionsFailCleanly()
    {
        var turtle = "<s> <p> " + new string('(', 100_000);

        Assert.That(() => TurtleParser.Parse(turtle, "t"), Throws.TypeOf<TurtleSyntaxException>().With.Message.Contain("nested deeper than"));
    }
}

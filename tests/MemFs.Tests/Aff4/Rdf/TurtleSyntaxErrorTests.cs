using MemFs.Aff4.Rdf;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Rdf;

public class TurtleSyntaxErrorTests
{
    private static TurtleSyntaxException Fail(string turtle) =>
        Assert.Throws<TurtleSyntaxException>(() => TurtleParser.Parse(turtle, "vol.aff4/information.turtle"))!;

    [Test]
    public void UndeclaredPrefixIsReportedWhereTheNameStarts()
    {
        var error = Fail("@prefix aff4: <http://aff4.org/Schema#> .\n\n<aff4://x>\n    bogus:size 1 .\n");

        Assert.That((error.Line, error.Column), Is.EqualTo((4, 5)));
        Assert.That(error.DocumentName, Is.EqualTo("vol.aff4/information.turtle"));
        Assert.That(error.Message, Does.StartWith("vol.aff4/information.turtle, line 4, column 5: ").And.Contain("bogus:"));
    }

    [Test]
    public void MissingDotIsReportedAtTheNextToken()
    {
        var error = Fail("<aff4://x> <p> 1\n<aff4://y> <p> 2 .\n");

        Assert.That((error.Line, error.Column), Is.EqualTo((2, 1)));
        Assert.That(error.Problem, Does.Contain("'.'"));
    }

    [TestCase("<aff4://x> <p> 1 .\r<aff4://y> <p> ? .\r", 2, 16)]
    [TestCase("<aff4://x> <p> 1 .\r\n<aff4://y> <p> ? .\r\n", 2, 16)]
    [TestCase("\uFEFF<aff4://y> <p> ? .", 1, 16)]
    public void LineEndingsAndBomDoNotShiftPositions(string turtle, int line, int column)
    {
        var error = Fail(turtle);

        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)));
    }

    [TestCase("<aff4://x", 1, 1, "unterminated IRI")]
    [TestCase("<s> <p> \"abc", 1, 9, "unterminated string")]
    [TestCase("<s> <p> \"\"\"abc\n\n", 1, 9, "unterminated string")]
    [TestCase("<s> <p> \"ab\ncd\" .", 1, 12, "line break")]
    [TestCase("<s> <p> \"a\\qb\" .", 1, 11, "invalid escape")]
    [TestCase("<s> <p> \"\\u12\" .", 1, 10, "hex digits")]
    [TestCase("\"lit\" <p> <o> .", 1, 1, "literal cannot be a subject")]
    [TestCase("@prefox a: <x> .", 1, 1, "unknown directive")]
    [TestCase("@prefix a <x> .", 1, 9, "prefix")]
    [TestCase("<s> <p> .", 1, 9, "expected an object")]
    [TestCase("<s> <p> <o>", 1, 12, "ended")]
    [TestCase("<s> 42 <o> .", 1, 5, "expected a predicate")]
    [TestCase("<s> <p> maybe .", 1, 9, "'maybe'")]
    [TestCase("<s> <p> [ <q> 1 .", 1, 17, "']'")]
    [TestCase("<s> <p> \"x\"^^ .", 1, 15, "datatype")]
    [TestCase("<s> <p> 1e .", 1, 10, "exponent")]
    [TestCase("@prefix e: <http://e/> .\ne:s e:p e:%4 .", 2, 11, "two hex digits")]
    public void MalformedInputNamesLineColumnAndProblem(string turtle, int line, int column, string problem)
    {
        var error = Fail(turtle);

        Assert.That(error.Problem, Does.Contain(problem).IgnoreCase);
        Assert.That((error.Line, error.Column), Is.EqualTo((line, column)));
    }

    [Test]
    public void IsAFormatException()
    {
        Assert.That(() => TurtleParser.Parse("<s>", "t"), Throws.InstanceOf<FormatException>());
    }
}

namespace MemFs.Aff4.Rdf;

/// <summary>Malformed Turtle. The message names the document, 1-based line and column, and the problem.</summary>
internal sealed class TurtleSyntaxException : FormatException
{
    public TurtleSyntaxException(string documentName, int line, int column, string problem)
        : base($"{documentName}, line {line}, column {column}: {problem}")
    {
        DocumentName = documentName;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string DocumentName { get; }
    public int Line { get; }
    public int Column { get; }
    public string Problem { get; }
}

namespace MemFs.Aff4.Rdf;

/// <summary>Parses the Turtle that AFF4 writers put in <c>information.turtle</c>.</summary>
internal static class TurtleParser
{
    /// <summary>
    /// Returns the triples in document order. <paramref name="documentName"/> appears in error
    /// messages; <paramref name="baseIri"/> is the base before any <c>@base</c> directive.
    /// </summary>
    /// <exception cref="TurtleSyntaxException">The text is not valid Turtle.</exception>
    public static IReadOnlyList<Triple> Parse(string text, string documentName, string? baseIri = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(documentName);
        return new TurtleDocumentReader(text, documentName, baseIri).ReadAll();
    }
}

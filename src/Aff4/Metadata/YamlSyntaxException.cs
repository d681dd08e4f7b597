namespace MemFs.Aff4.Metadata;

/// <summary>YAML that <see cref="MiniYaml"/> cannot read. The message names the document and 1-based line.</summary>
internal sealed class YamlSyntaxException : FormatException
{
    public YamlSyntaxException(string documentName, int line, string problem)
        : base($"{documentName}, line {line}: {problem}")
    {
        DocumentName = documentName;
        Line = line;
        Problem = problem;
    }

    public string DocumentName { get; }
    public int Line { get; }
    public string Problem { get; }
}

namespace MemFs.Aff4.Metadata;

/// <summary>
/// A small YAML reader for machine-written files such as pmem <c>information.yaml</c> (yaml-cpp,
/// Rekall/PyYAML). Reads block mappings and sequences, flow <c>{ }</c>/<c>[ ]</c>, plain and
/// quoted scalars, comments and <c>---</c>. Anchors, tags and block scalars are rejected.
/// </summary>
internal static class MiniYaml
{
    public const int MaxInputLength = 1024 * 1024;
    public const int MaxDepth = 64;

    /// <summary>
    /// Returns <see cref="Dictionary{TKey,TValue}"/> of string to object?, <see cref="List{T}"/> of
    /// object?, string, or null (empty document, <c>~</c>, <c>null</c>). Scalars are not typed.
    /// </summary>
    /// <exception cref="YamlSyntaxException">Unreadable, larger than 1 MiB, or nested deeper than 64.</exception>
    public static object? Parse(string text, string documentName = "YAML document")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxInputLength)
            throw new YamlSyntaxException(documentName, 1, $"document is larger than {MaxInputLength} characters");
        return new YamlBlockReader(YamlLine.Split(text, documentName), documentName).ReadDocument();
    }
}

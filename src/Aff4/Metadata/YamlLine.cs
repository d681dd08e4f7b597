namespace MemFs.Aff4.Metadata;

/// <summary>
/// One meaningful YAML line: indentation in spaces and the content with its comment removed.
/// Blank lines, comment lines, <c>---</c>/<c>...</c> markers and <c>%</c> directives are dropped.
/// </summary>
internal readonly record struct YamlLine(int Number, int Indent, string Content)
{
    public static List<YamlLine> Split(string text, string documentName)
    {
        var lines = new List<YamlLine>();
        var number = 0;
        foreach (var raw in text.Split(["\r\n", "\r", "\n"], StringSplitOptions.None))
        {
            number++;
            var line = number == 1 && raw.StartsWith('\uFEFF') ? raw[1..] : raw;
            var indent = 0;
            while (indent < line.Length && line[indent] == ' ') indent++;
            var content = StripComment(line[indent..]).TrimEnd();
            if (content.Length == 0) continue;
            if (content[0] == '\t') throw new YamlSyntaxException(documentName, number, "tab used for indentation");
            if (indent == 0 && (content[0] == '%' || IsMarker(content, "---") || IsMarker(content, "..."))) continue;
            lines.Add(new YamlLine(number, indent, content));
        }
        return lines;
    }

    private static bool IsMarker(string content, string marker) =>
        content.StartsWith(marker, StringComparison.Ordinal) && (content.Length == marker.Length || content[marker.Length] == ' ');

    /// <summary>
    /// Cuts a <c>#</c> that starts the line or follows white space, outside quoted scalars. A quote
    /// opens a scalar only where a scalar can start (line start, after ': ', '- ', '[', '{', ',').
    /// </summary>
    internal static string StripComment(string content)
    {
        var quote = '\0';
        var previous = '\0';
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (quote != '\0')
            {
                if (quote == '"' && c == '\\') i++;
                else if (c == quote) quote = '\0';
                continue;
            }
            if (c == '#' && (i == 0 || content[i - 1] is ' ' or '\t')) return content[..i];
            if (c is '"' or '\'' && previous is '\0' or ':' or '-' or '[' or '{' or ',' or '?') quote = c;
            if (c is not (' ' or '\t')) previous = c;
        }
        return content;
    }
}

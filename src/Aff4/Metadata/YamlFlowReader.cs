namespace MemFs.Aff4.Metadata;

/// <summary>
/// Flow collections as yaml-cpp and PyYAML write them: <c>{CR3: 1744896}</c>, <c>[1, 2]</c>,
/// nested, with plain or quoted scalars. The text may come from several joined lines.
/// </summary>
internal sealed class YamlFlowReader
{
    private readonly string _text;
    private readonly string _documentName;
    private readonly int _line;
    private int _at;

    private YamlFlowReader(string text, string documentName, int line)
    {
        _text = text;
        _documentName = documentName;
        _line = line;
    }

    public static object? Read(string text, int depth, string documentName, int line)
    {
        var reader = new YamlFlowReader(text, documentName, line);
        var value = reader.ReadNode(depth, isKey: false);
        reader.SkipSpaces();
        if (reader._at < text.Length) throw reader.Error($"unexpected text after the flow collection: '{text[reader._at..]}'");
        return value;
    }

    /// <summary>
    /// Counts the '[' and '{' left open at the end of <paramref name="text"/>, continuing from an
    /// earlier piece's <paramref name="open"/> count and <paramref name="quote"/> state, so that a
    /// flow collection spread over many lines is scanned once.
    /// </summary>
    public static void TrackBrackets(string text, ref int open, ref char quote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (quote == '"' && c == '\\') i++;
                else if (c == quote) quote = '\0';
            }
            else if (c is '"' or '\'' && (i == 0 || text[i - 1] is ' ' or '[' or '{' or ',' or ':')) quote = c;
            else if (c is '[' or '{') open++;
            else if (c is ']' or '}') open--;
        }
    }

    private object? ReadNode(int depth, bool isKey)
    {
        SkipSpaces();
        if (_at >= _text.Length) return null;
        var c = _text[_at];
        if (c is '{' or '[')
        {
            if (depth > MiniYaml.MaxDepth) throw Error($"nesting deeper than {MiniYaml.MaxDepth} levels");
            return c == '{' ? ReadMapping(depth) : ReadSequence(depth);
        }
        if (c is '"' or '\'')
        {
            var value = YamlScalar.ReadQuoted(_text, _at, out var end, _documentName, _line);
            _at = end;
            return value;
        }
        return YamlScalar.Parse(ReadPlain(isKey), _documentName, _line);
    }

    private Dictionary<string, object?> ReadMapping(int depth)
    {
        _at++; // '{'
        var mapping = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpaces();
            if (_at >= _text.Length) throw Error("unterminated flow mapping: missing '}'");
            if (_text[_at] == '}')
            {
                _at++;
                return mapping;
            }
            var key = ReadNode(depth + 1, isKey: true) as string ?? "";
            SkipSpaces();
            object? value = null;
            if (_at < _text.Length && _text[_at] == ':')
            {
                _at++;
                SkipSpaces();
                if (_at < _text.Length && _text[_at] is not (',' or '}')) value = ReadNode(depth + 1, isKey: false);
            }
            if (!mapping.TryAdd(key, value)) throw Error($"duplicate key '{key}'");
            SkipSpaces();
            if (_at < _text.Length && _text[_at] == ',') _at++;
            else if (_at >= _text.Length || _text[_at] != '}') throw Error("expected ',' or '}' in a flow mapping");
        }
    }

    private List<object?> ReadSequence(int depth)
    {
        _at++; // '['
        var sequence = new List<object?>();
        while (true)
        {
            SkipSpaces();
            if (_at >= _text.Length) throw Error("unterminated flow sequence: missing ']'");
            if (_text[_at] == ']')
            {
                _at++;
                return sequence;
            }
            sequence.Add(ReadNode(depth + 1, isKey: false));
            SkipSpaces();
            if (_at < _text.Length && _text[_at] == ',') _at++;
            else if (_at >= _text.Length || _text[_at] != ']') throw Error("expected ',' or ']' in a flow sequence");
        }
    }

    /// <summary>A plain scalar ends at a flow indicator, or for a key at ':' followed by space or an indicator.</summary>
    private string ReadPlain(bool isKey)
    {
        var start = _at;
        while (_at < _text.Length)
        {
            var c = _text[_at];
            if (c is ',' or '[' or ']' or '{' or '}') break;
            if (c == ':' && (_at + 1 >= _text.Length || _text[_at + 1] is ' ' or ',' or ']' or '}' || isKey)) break;
            _at++;
        }
        return _text[start.._at];
    }

    private void SkipSpaces()
    {
        while (_at < _text.Length && _text[_at] is ' ' or '\t') _at++;
    }

    private YamlSyntaxException Error(string problem) => new(_documentName, _line, problem);
}

using System.Text;

namespace MemFs.Aff4.Metadata;

/// <summary>
/// Block mappings and sequences by indentation. A sequence may sit at its parent key's indentation
/// (PyYAML) or deeper (yaml-cpp); <c>- key: v</c> starts a mapping whose further keys align with
/// <c>key</c>. Every loop consumes a line or throws.
/// </summary>
internal sealed class YamlBlockReader
{
    private readonly List<YamlLine> _lines;
    private readonly string _documentName;
    private int _index;

    public YamlBlockReader(List<YamlLine> lines, string documentName)
    {
        _lines = lines;
        _documentName = documentName;
    }

    public object? ReadDocument()
    {
        if (_lines.Count == 0) return null;
        var root = ReadNode(_lines[0].Indent, 1);
        if (_index < _lines.Count) throw Error(_lines[_index], "indentation does not match any open block");
        return root;
    }

    private object? ReadNode(int indent, int depth)
    {
        var line = _lines[_index];
        if (depth > MiniYaml.MaxDepth) throw Error(line, $"nesting deeper than {MiniYaml.MaxDepth} levels");
        if (IsSequenceItem(line.Content)) return ReadSequence(indent, depth);
        if (TrySplitKey(line, out _, out _)) return ReadMapping(indent, depth);
        _index++;
        return ReadInlineValue(line, line.Content, indent, depth);
    }

    private List<object?> ReadSequence(int indent, int depth)
    {
        var sequence = new List<object?>();
        while (_index < _lines.Count)
        {
            var line = _lines[_index];
            if (line.Indent < indent || (line.Indent == indent && !IsSequenceItem(line.Content))) break;
            if (line.Indent > indent) throw Error(line, "unexpected indentation");
            if (!IsSequenceItem(line.Content)) throw Error(line, "expected a '- ' sequence item");

            var rest = line.Content[1..].TrimStart(' ');
            if (rest.Length == 0)
            {
                _index++;
                var hasChild = _index < _lines.Count && _lines[_index].Indent > indent;
                sequence.Add(hasChild ? ReadNode(_lines[_index].Indent, depth + 1) : null);
                continue;
            }
            // Re-read the item's content as if it started its own line at its own column.
            var column = indent + line.Content.Length - rest.Length;
            _lines[_index] = line with { Indent = column, Content = rest };
            sequence.Add(ReadNode(column, depth + 1));
        }
        return sequence;
    }

    private Dictionary<string, object?> ReadMapping(int indent, int depth)
    {
        var mapping = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (_index < _lines.Count)
        {
            var line = _lines[_index];
            if (line.Indent < indent) break;
            if (line.Indent > indent) throw Error(line, "unexpected indentation");
            if (IsSequenceItem(line.Content)) break;
            if (!TrySplitKey(line, out var key, out var valueText)) throw Error(line, "expected 'key: value'");
            _index++;

            object? value;
            if (valueText.Length > 0)
            {
                value = ReadInlineValue(line, valueText, indent, depth + 1);
            }
            else if (_index < _lines.Count && _lines[_index].Indent > indent)
            {
                value = ReadNode(_lines[_index].Indent, depth + 1);
            }
            else if (_index < _lines.Count && _lines[_index].Indent == indent && IsSequenceItem(_lines[_index].Content))
            {
                value = ReadSequence(indent, depth + 1);
            }
            else
            {
                value = null;
            }
            if (!mapping.TryAdd(key, value)) throw Error(line, $"duplicate key '{key}'");
        }
        return mapping;
    }

    /// <summary>
    /// A value written on the key's (or item's) line: a flow collection, possibly continued on
    /// following lines, or a scalar; PyYAML folds long scalars onto deeper-indented lines.
    /// </summary>
    private object? ReadInlineValue(YamlLine line, string text, int indent, int depth)
    {
        var joined = new StringBuilder(text);
        if (text[0] is '{' or '[')
        {
            var open = 0;
            var quote = '\0';
            YamlFlowReader.TrackBrackets(text, ref open, ref quote);
            while (open > 0)
            {
                if (_index >= _lines.Count) throw Error(line, "unterminated flow collection");
                var next = _lines[_index++].Content;
                YamlFlowReader.TrackBrackets(next, ref open, ref quote);
                joined.Append(' ').Append(next);
            }
            return YamlFlowReader.Read(joined.ToString(), depth, _documentName, line.Number);
        }
        while (_index < _lines.Count && _lines[_index].Indent > indent)
        {
            var next = _lines[_index];
            if (IsSequenceItem(next.Content) || TrySplitKey(next, out _, out _)) throw Error(next, "unexpected indentation");
            joined.Append(' ').Append(next.Content);
            _index++;
        }
        return YamlScalar.Parse(joined.ToString(), _documentName, line.Number);
    }

    private static bool IsSequenceItem(string content) =>
        content[0] == '-' && (content.Length == 1 || content[1] == ' ');

    /// <summary>Splits <c>key: value</c> (or <c>"quoted key": value</c>); false when the line is not a mapping entry.</summary>
    private bool TrySplitKey(YamlLine line, out string key, out string valueText)
    {
        var content = line.Content;
        key = "";
        valueText = "";
        int colon;
        if (content[0] is '"' or '\'')
        {
            int end;
            try
            {
                key = YamlScalar.ReadQuoted(content, 0, out end, _documentName, line.Number);
            }
            catch (YamlSyntaxException)
            {
                return false;
            }
            colon = end;
            while (colon < content.Length && content[colon] == ' ') colon++;
            if (colon >= content.Length || content[colon] != ':') return false;
        }
        else
        {
            if (content[0] is '{' or '[' || IsSequenceItem(content)) return false;
            colon = FindMappingColon(content);
            if (colon < 0) return false;
            key = content[..colon].TrimEnd();
        }
        if (colon + 1 < content.Length && content[colon + 1] != ' ') return false;
        valueText = content[(colon + 1)..].Trim();
        return true;
    }

    private static int FindMappingColon(string content)
    {
        for (var i = 0; i < content.Length; i++)
            if (content[i] == ':' && (i + 1 == content.Length || content[i + 1] == ' ')) return i;
        return -1;
    }

    private YamlSyntaxException Error(YamlLine line, string problem) => new(_documentName, line.Number, problem);
}

using System.Globalization;
using System.Text;

namespace MemFs.Aff4.Metadata;

/// <summary>Plain, single-quoted and double-quoted scalars. Values stay strings; <c>~</c>, <c>null</c> and empty become null.</summary>
internal static class YamlScalar
{
    public static string? Parse(string text, string documentName, int line)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        if (trimmed[0] is '"' or '\'')
        {
            var value = ReadQuoted(trimmed, 0, out var end, documentName, line);
            if (end != trimmed.Length) throw new YamlSyntaxException(documentName, line, $"unexpected text after the quoted scalar: '{trimmed[end..]}'");
            return value;
        }
        if (trimmed[0] is '&' or '*' or '!' or '|' or '>' or '@' or '`')
            throw new YamlSyntaxException(documentName, line, $"unsupported YAML feature '{trimmed[0]}' (anchors, aliases, tags and block scalars are not read)");
        return trimmed is "~" or "null" or "Null" or "NULL" ? null : trimmed;
    }

    /// <summary>Reads a quoted scalar starting at <paramref name="start"/>; <paramref name="end"/> is just past the closing quote.</summary>
    public static string ReadQuoted(string text, int start, out int end, string documentName, int line)
    {
        var quote = text[start];
        var value = new StringBuilder();
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == quote)
            {
                if (quote == '\'' && i < text.Length && text[i] == '\'')
                {
                    value.Append('\'');
                    i++;
                    continue;
                }
                end = i;
                return value.ToString();
            }
            if (c == '\\' && quote == '"')
            {
                if (i >= text.Length) break;
                i = AppendEscape(text, i, value, documentName, line);
                continue;
            }
            value.Append(c);
        }
        throw new YamlSyntaxException(documentName, line, "unterminated quoted scalar");
    }

    private static int AppendEscape(string text, int at, StringBuilder value, string documentName, int line)
    {
        var c = text[at++];
        switch (c)
        {
            case '0': value.Append('\0'); return at;
            case 'a': value.Append('\a'); return at;
            case 'b': value.Append('\b'); return at;
            case 't' or '\t': value.Append('\t'); return at;
            case 'n': value.Append('\n'); return at;
            case 'v': value.Append('\v'); return at;
            case 'f': value.Append('\f'); return at;
            case 'r': value.Append('\r'); return at;
            case 'e': value.Append('\u001B'); return at;
            case ' ' or '"' or '/' or '\\': value.Append(c); return at;
            case 'N': value.Append('\u0085'); return at;
            case '_': value.Append('\u00A0'); return at;
            case 'x': return AppendCodePoint(text, at, 2, value, documentName, line);
            case 'u': return AppendCodePoint(text, at, 4, value, documentName, line);
            case 'U': return AppendCodePoint(text, at, 8, value, documentName, line);
            default: throw new YamlSyntaxException(documentName, line, $"invalid escape '\\{c}' in a double-quoted scalar");
        }
    }

    private static int AppendCodePoint(string text, int at, int digits, StringBuilder value, string documentName, int line)
    {
        if (at + digits > text.Length
            || !uint.TryParse(text.AsSpan(at, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
            throw new YamlSyntaxException(documentName, line, $"invalid {digits}-digit hex escape in a double-quoted scalar");
        value.Append(char.ConvertFromUtf32((int)code));
        return at + digits;
    }
}

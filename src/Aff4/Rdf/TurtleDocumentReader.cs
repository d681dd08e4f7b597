using System.Globalization;
using System.Text;

namespace MemFs.Aff4.Rdf;

/// <summary>
/// Recursive-descent reader for the Turtle subset AFF4 writers produce: Jena
/// (Evimetry), raptor2 (c-aff4) and rdflib (pyaff4) output, plus the rest of Turtle 1.1 that is
/// cheap (collections, single-quoted strings). Nesting of <c>[ ]</c> and <c>( )</c> is capped so
/// that hostile input cannot exhaust the stack.
/// </summary>
internal sealed class TurtleDocumentReader
{
    public const int MaxNestingDepth = 64;

    private static readonly RdfTerm RdfType = RdfTerm.Iri(Aff4Namespaces.RdfType);
    private static readonly RdfTerm RdfFirst = RdfTerm.Iri(Aff4Namespaces.Rdf + "first");
    private static readonly RdfTerm RdfRest = RdfTerm.Iri(Aff4Namespaces.Rdf + "rest");
    private static readonly RdfTerm RdfNil = RdfTerm.Iri(Aff4Namespaces.Rdf + "nil");

    private readonly TurtleCursor _cursor;
    private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly List<Triple> _triples = [];
    private string? _base;
    private int _anonymousCount;

    public TurtleDocumentReader(string text, string documentName, string? baseIri)
    {
        _cursor = new TurtleCursor(text, documentName);
        _base = baseIri;
    }

    public List<Triple> ReadAll()
    {
        while (true)
        {
            _cursor.SkipTrivia();
            if (_cursor.AtEnd) return _triples;
            ReadStatement();
        }
    }

    private void ReadStatement()
    {
        if (_cursor.Peek() == '@')
        {
            ReadAtDirective();
        }
        else if (LookingAtSparqlKeyword("PREFIX"))
        {
            _cursor.Position += "PREFIX".Length;
            ReadPrefixDeclaration();
        }
        else if (LookingAtSparqlKeyword("BASE"))
        {
            _cursor.Position += "BASE".Length;
            ReadBaseDeclaration();
        }
        else
        {
            ReadTriples();
            _cursor.Expect('.', "'.' at the end of the statement");
        }
    }

    private void ReadAtDirective()
    {
        var start = _cursor.Position;
        _cursor.Position++;
        var name = ReadWord();
        if (name.Equals("prefix", StringComparison.OrdinalIgnoreCase)) ReadPrefixDeclaration();
        else if (name.Equals("base", StringComparison.OrdinalIgnoreCase)) ReadBaseDeclaration();
        else throw _cursor.Error($"unknown directive '@{name}'", start);
        _cursor.Expect('.', $"'.' after the @{name} directive");
    }

    /// <summary>SPARQL-style <c>PREFIX</c>/<c>BASE</c>: case-insensitive, no final dot; <c>prefix:x</c> is a name.</summary>
    private bool LookingAtSparqlKeyword(string keyword)
    {
        if (!_cursor.LookingAtIgnoreCase(keyword)) return false;
        var after = _cursor.Peek(keyword.Length);
        return TurtleCursor.IsWhiteSpace(after) || after == '<';
    }

    private void ReadPrefixDeclaration()
    {
        _cursor.SkipTrivia();
        var start = _cursor.Position;
        var prefix = ReadPrefixLabel();
        if (_cursor.Peek() != ':') throw _cursor.Error("expected 'name:' after the prefix directive", start);
        _cursor.Position++;
        _cursor.SkipTrivia();
        if (_cursor.Peek() != '<') throw _cursor.Error("expected '<namespace IRI>' in the prefix directive");
        _prefixes[prefix] = ReadIriRef();
    }

    private void ReadBaseDeclaration()
    {
        _cursor.SkipTrivia();
        if (_cursor.Peek() != '<') throw _cursor.Error("expected '<base IRI>' in the base directive");
        _base = ReadIriRef();
    }

    private void ReadTriples()
    {
        _cursor.SkipTrivia();
        if (_cursor.Peek() == '[')
        {
            var subject = ReadBlankNodePropertyList(1);
            _cursor.SkipTrivia();
            if (_cursor.Peek() != '.') ReadPredicateObjectList(subject, 0);
            return;
        }
        ReadPredicateObjectList(ReadSubject(), 0);
    }

    private RdfTerm ReadSubject()
    {
        var start = _cursor.Position;
        var c = _cursor.Peek();
        if (c == '<') return RdfTerm.Iri(ReadIriRef());
        if (c == '_' && _cursor.Peek(1) == ':') return ReadBlankNodeLabel();
        if (c == '(') return ReadCollection(1);
        if (c == ':' || IsPrefixStart(c))
        {
            var name = ReadPrefixLabel();
            if (_cursor.Peek() == ':') return RdfTerm.Iri(ReadPrefixedNameAfterPrefix(name, start));
            throw _cursor.Error($"expected a subject but found '{name}'", start);
        }
        if (c == '"' || c == '\'' || IsNumberStart(c)) throw _cursor.Error("a literal cannot be a subject", start);
        throw _cursor.Error(_cursor.AtEnd ? "expected a subject but the document ended" : $"expected a subject but found {TurtleCursor.Describe(c)}");
    }

    /// <summary><c>verb objectList (';' (verb objectList)?)*</c>; repeated and trailing ';' are accepted.</summary>
    private void ReadPredicateObjectList(RdfTerm subject, int depth)
    {
        ReadObjectList(subject, ReadVerb(), depth);
        while (true)
        {
            _cursor.SkipTrivia();
            if (_cursor.Peek() != ';') return;
            while (_cursor.Peek() == ';')
            {
                _cursor.Position++;
                _cursor.SkipTrivia();
            }
            if (_cursor.AtEnd || _cursor.Peek() is '.' or ']') return;
            ReadObjectList(subject, ReadVerb(), depth);
        }
    }

    private void ReadObjectList(RdfTerm subject, RdfTerm predicate, int depth)
    {
        while (true)
        {
            _triples.Add(new Triple(subject, predicate, ReadObject(depth)));
            _cursor.SkipTrivia();
            if (_cursor.Peek() != ',') return;
            _cursor.Position++;
        }
    }

    private RdfTerm ReadVerb()
    {
        _cursor.SkipTrivia();
        var start = _cursor.Position;
        var c = _cursor.Peek();
        if (c == '<') return RdfTerm.Iri(ReadIriRef());
        if (c == ':' || IsPrefixStart(c))
        {
            var name = ReadPrefixLabel();
            if (_cursor.Peek() == ':') return RdfTerm.Iri(ReadPrefixedNameAfterPrefix(name, start));
            if (name == "a") return RdfType;
            throw _cursor.Error($"expected a predicate but found '{name}'", start);
        }
        throw _cursor.Error(_cursor.AtEnd ? "expected a predicate but the document ended" : $"expected a predicate but found {TurtleCursor.Describe(c)}");
    }

    private RdfTerm ReadObject(int depth)
    {
        _cursor.SkipTrivia();
        var start = _cursor.Position;
        var c = _cursor.Peek();
        if (_cursor.AtEnd) throw _cursor.Error("expected an object but the document ended");
        if (c == '<') return RdfTerm.Iri(ReadIriRef());
        if (c is '"' or '\'') return ReadRdfLiteral();
        if (c == '[') return ReadBlankNodePropertyList(depth + 1);
        if (c == '(') return ReadCollection(depth + 1);
        if (c == '_' && _cursor.Peek(1) == ':') return ReadBlankNodeLabel();
        if (IsNumberStart(c)) return ReadNumber();
        if (c == ':' || IsPrefixStart(c))
        {
            var name = ReadPrefixLabel();
            if (_cursor.Peek() == ':') return RdfTerm.Iri(ReadPrefixedNameAfterPrefix(name, start));
            if (name is "true" or "false") return RdfTerm.Literal(name, Aff4Namespaces.Xsd + "boolean");
            throw _cursor.Error($"expected an object but found '{name}'", start);
        }
        throw _cursor.Error($"expected an object but found {TurtleCursor.Describe(c)}");
    }

    private RdfTerm ReadBlankNodePropertyList(int depth)
    {
        CheckDepth(depth);
        _cursor.Position++; // '['
        var node = NewAnonymousNode();
        _cursor.SkipTrivia();
        if (_cursor.Peek() != ']') ReadPredicateObjectList(node, depth);
        _cursor.Expect(']', "']' closing the blank node");
        return node;
    }

    private RdfTerm ReadCollection(int depth)
    {
        CheckDepth(depth);
        _cursor.Position++; // '('
        RdfTerm? head = null;
        RdfTerm? last = null;
        while (true)
        {
            _cursor.SkipTrivia();
            if (_cursor.AtEnd) throw _cursor.Error("expected ')' closing the collection but the document ended");
            if (_cursor.Peek() == ')')
            {
                _cursor.Position++;
                if (last is not null) _triples.Add(new Triple(last, RdfRest, RdfNil));
                return head ?? RdfNil;
            }
            var cell = NewAnonymousNode();
            if (last is null) head = cell;
            else _triples.Add(new Triple(last, RdfRest, cell));
            _triples.Add(new Triple(cell, RdfFirst, ReadObject(depth)));
            last = cell;
        }
    }

    private void CheckDepth(int depth)
    {
        if (depth > MaxNestingDepth)
            throw _cursor.Error($"blank nodes or collections nested deeper than {MaxNestingDepth} levels");
    }

    /// <summary>'#' cannot occur in a <c>_:label</c>, so generated names never collide with written ones.</summary>
    private RdfTerm NewAnonymousNode() => RdfTerm.Blank("anon#" + _anonymousCount++.ToString(CultureInfo.InvariantCulture));

    private RdfTerm ReadBlankNodeLabel()
    {
        var start = _cursor.Position;
        _cursor.Position += 2; // "_:"
        var label = ReadLocalName();
        if (label.Length == 0) throw _cursor.Error("empty blank node label after '_:'", start);
        return RdfTerm.Blank(label);
    }

    // ---- IRIs and prefixed names ----

    /// <summary>
    /// <c>&lt;...&gt;</c> with \u escapes, resolved against the base. Characters the grammar forbids
    /// (spaces, '{', '|' ...) are let through: pmem URNs embed Windows paths.
    /// </summary>
    private string ReadIriRef()
    {
        var start = _cursor.Position;
        _cursor.Position++; // '<'
        var text = new StringBuilder();
        while (true)
        {
            if (_cursor.AtEnd) throw _cursor.Error("unterminated IRI: missing '>'", start);
            var c = _cursor.Next();
            if (c == '>') break;
            if (c is '\n' or '\r' or '<') throw _cursor.Error($"{TurtleCursor.Describe(c)} inside an IRI", _cursor.Position - 1);
            if (c == '\\')
            {
                var escape = _cursor.Next();
                if (escape == 'u') text.Append(ReadCodePoint(4));
                else if (escape == 'U') text.Append(ReadCodePoint(8));
                else throw _cursor.Error($"invalid escape '\\{escape}' in an IRI", _cursor.Position - 2);
                continue;
            }
            text.Append(c);
        }
        return Resolve(text.ToString());
    }

    /// <summary>Absolute IRIs are kept exactly as written: AFF4 URNs are matched textually against member names.</summary>
    private string Resolve(string reference) =>
        _base is null || IriResolver.IsAbsolute(reference) ? reference : IriResolver.Resolve(_base, reference);

    /// <summary>PN_PREFIX, possibly empty: a letter, then name characters and inner dots.</summary>
    private string ReadPrefixLabel()
    {
        var start = _cursor.Position;
        if (!IsPrefixStart(_cursor.Peek())) return "";
        _cursor.Position++;
        while (true)
        {
            var c = _cursor.Peek();
            if (IsNameChar(c)) _cursor.Position++;
            else if (c == '.' && DotsContinueName(out var dots)) _cursor.Position += dots;
            else break;
        }
        return _cursor.Slice(start, _cursor.Position);
    }

    private string ReadPrefixedNameAfterPrefix(string prefix, int start)
    {
        _cursor.Position++; // ':'
        var local = ReadLocalName();
        if (!_prefixes.TryGetValue(prefix, out var ns)) throw _cursor.Error($"undeclared prefix '{prefix}:'", start);
        return ns + local;
    }

    /// <summary>
    /// PN_LOCAL (also used for blank node labels): name characters, ':', digits, %XX kept as written,
    /// '\'-escapes unescaped, '.' only when more name follows, so <c>aff4:MD5.</c> ends before the dot
    /// and <c>aff4:MD5,</c> before the comma.
    /// </summary>
    private string ReadLocalName()
    {
        var text = new StringBuilder();
        while (true)
        {
            var c = _cursor.Peek();
            if (_cursor.AtEnd) return text.ToString();
            if (IsNameChar(c) || c == ':')
            {
                text.Append(c);
                _cursor.Position++;
            }
            else if (c == '%')
            {
                if (!char.IsAsciiHexDigit(_cursor.Peek(1)) || !char.IsAsciiHexDigit(_cursor.Peek(2)))
                    throw _cursor.Error("'%' in a prefixed name must be followed by two hex digits");
                text.Append(c).Append(_cursor.Peek(1)).Append(_cursor.Peek(2));
                _cursor.Position += 3;
            }
            else if (c == '\\')
            {
                var escaped = _cursor.Peek(1);
                if (!"_~.-!$&'()*+,;=/?#@%".Contains(escaped))
                    throw _cursor.Error($"invalid escape '\\{escaped}' in a prefixed name");
                text.Append(escaped);
                _cursor.Position += 2;
            }
            else if (c == '.' && DotsContinueName(out var dots))
            {
                text.Append('.', dots);
                _cursor.Position += dots;
            }
            else
            {
                return text.ToString();
            }
        }
    }

    /// <summary>True when the run of dots at the cursor is followed by more of a name (a name never ends in '.').</summary>
    private bool DotsContinueName(out int dots)
    {
        dots = 0;
        while (_cursor.Peek(dots) == '.') dots++;
        var next = _cursor.Peek(dots);
        return IsNameChar(next) || next is ':' or '%' or '\\';
    }

    private static bool IsPrefixStart(char c) =>
        char.IsAsciiLetter(c) || (c >= 0x80 && !char.IsWhiteSpace(c) && c != '\u00B7');

    private static bool IsNameChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (c >= 0x80 && !char.IsWhiteSpace(c));

    private string ReadWord()
    {
        var start = _cursor.Position;
        while (char.IsAsciiLetter(_cursor.Peek())) _cursor.Position++;
        return _cursor.Slice(start, _cursor.Position);
    }

    // ---- literals ----

    private RdfTerm ReadRdfLiteral()
    {
        var value = ReadString();
        // Turtle allows white space and comments between the string and its tag or datatype.
        var afterString = _cursor.Position;
        _cursor.SkipTrivia();
        if (_cursor.Peek() is not ('@' or '^')) _cursor.Position = afterString;
        if (_cursor.Peek() == '@')
        {
            _cursor.Position++;
            var start = _cursor.Position;
            var tag = ReadWord();
            if (tag.Length == 0) throw _cursor.Error("expected a language tag after '@'");
            while (_cursor.Peek() == '-' && char.IsAsciiLetterOrDigit(_cursor.Peek(1)))
            {
                _cursor.Position++;
                while (char.IsAsciiLetterOrDigit(_cursor.Peek())) _cursor.Position++;
            }
            return RdfTerm.Literal(value, language: _cursor.Slice(start, _cursor.Position));
        }
        if (_cursor.Peek() == '^' && _cursor.Peek(1) == '^')
        {
            _cursor.Position += 2;
            _cursor.SkipTrivia();
            return RdfTerm.Literal(value, ReadDatatype());
        }
        return RdfTerm.Literal(value);
    }

    private string ReadDatatype()
    {
        var start = _cursor.Position;
        var c = _cursor.Peek();
        if (c == '<') return ReadIriRef();
        if (c == ':' || IsPrefixStart(c))
        {
            var prefix = ReadPrefixLabel();
            if (_cursor.Peek() == ':') return ReadPrefixedNameAfterPrefix(prefix, start);
        }
        throw _cursor.Error("expected a datatype IRI or prefixed name after '^^'", start);
    }

    private string ReadString()
    {
        var start = _cursor.Position;
        var quote = _cursor.Peek();
        var isLong = _cursor.Peek(1) == quote && _cursor.Peek(2) == quote;
        _cursor.Position += isLong ? 3 : 1;
        var text = new StringBuilder();
        while (true)
        {
            if (_cursor.AtEnd) throw _cursor.Error("unterminated string literal", start);
            var c = _cursor.Next();
            if (c == quote)
            {
                if (!isLong) return text.ToString();
                if (_cursor.Peek() == quote && _cursor.Peek(1) == quote)
                {
                    _cursor.Position += 2;
                    return text.ToString();
                }
                text.Append(c);
            }
            else if (c == '\\')
            {
                text.Append(ReadStringEscape());
            }
            else if (!isLong && c is '\n' or '\r')
            {
                throw _cursor.Error("line break inside a \"...\" string; multi-line strings use \"\"\"...\"\"\"", _cursor.Position - 1);
            }
            else
            {
                text.Append(c);
            }
        }
    }

    private string ReadStringEscape()
    {
        var at = _cursor.Position - 1;
        if (_cursor.AtEnd) throw _cursor.Error("unterminated string literal");
        var c = _cursor.Next();
        return c switch
        {
            't' => "\t",
            'b' => "\b",
            'n' => "\n",
            'r' => "\r",
            'f' => "\f",
            '"' => "\"",
            '\'' => "'",
            '\\' => "\\",
            'u' => ReadCodePoint(4),
            'U' => ReadCodePoint(8),
            _ => throw _cursor.Error($"invalid escape '\\{c}' in a string literal", at),
        };
    }

    private string ReadCodePoint(int digits)
    {
        var start = _cursor.Position - 2;
        var value = 0;
        for (var i = 0; i < digits; i++)
        {
            var c = _cursor.Peek();
            if (!char.IsAsciiHexDigit(c)) throw _cursor.Error($"expected {digits} hex digits in a \\{(digits == 4 ? 'u' : 'U')} escape", start);
            value = (value << 4) | HexValue(c);
            _cursor.Position++;
        }
        if (value is > 0x10FFFF or < 0 || (digits == 8 && value is >= 0xD800 and <= 0xDFFF))
            throw _cursor.Error($"\\U escape names no Unicode character (0x{value:X})", start);
        return digits == 4 ? ((char)value).ToString() : char.ConvertFromUtf32(value);
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private bool IsNumberStart(char c) =>
        char.IsAsciiDigit(c)
        || (c is '+' or '-' && (char.IsAsciiDigit(_cursor.Peek(1)) || (_cursor.Peek(1) == '.' && char.IsAsciiDigit(_cursor.Peek(2)))))
        || (c == '.' && char.IsAsciiDigit(_cursor.Peek(1)));

    /// <summary>INTEGER, DECIMAL or DOUBLE. "123." is the integer 123 followed by the statement's dot.</summary>
    private RdfTerm ReadNumber()
    {
        var start = _cursor.Position;
        if (_cursor.Peek() is '+' or '-') _cursor.Position++;
        SkipDigits();
        var datatype = "integer";
        if (_cursor.Peek() == '.' && char.IsAsciiDigit(_cursor.Peek(1)))
        {
            _cursor.Position++;
            SkipDigits();
            datatype = "decimal";
        }
        if (_cursor.Peek() is 'e' or 'E')
        {
            var signed = _cursor.Peek(1) is '+' or '-';
            if (!char.IsAsciiDigit(_cursor.Peek(signed ? 2 : 1))) throw _cursor.Error("expected digits in the exponent");
            _cursor.Position += signed ? 2 : 1;
            SkipDigits();
            datatype = "double";
        }
        return RdfTerm.Literal(_cursor.Slice(start, _cursor.Position), Aff4Namespaces.Xsd + datatype);
    }

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(_cursor.Peek())) _cursor.Position++;
    }
}

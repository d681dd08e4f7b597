namespace MemFs.Aff4.Rdf;

/// <summary>
/// Position in a Turtle document. Line and column are worked out only when an error is reported.
/// <see cref="Peek"/> returns NUL past the end; callers that loop test <see cref="AtEnd"/>.
/// </summary>
internal sealed class TurtleCursor
{
    private readonly string _text;
    private readonly string _documentName;

    public TurtleCursor(string text, string documentName)
    {
        _text = text.StartsWith('\uFEFF') ? text[1..] : text;
        _documentName = documentName;
    }

    public int Position { get; set; }

    public bool AtEnd => Position >= _text.Length;

    public char Peek(int ahead = 0)
    {
        var at = Position + ahead;
        return at < _text.Length ? _text[at] : '\0';
    }

    public char Next()
    {
        if (AtEnd) throw Error("unexpected end of document");
        return _text[Position++];
    }

    public string Slice(int start, int end) => _text[start..end];

    public bool LookingAtIgnoreCase(string word) =>
        Position + word.Length <= _text.Length
        && _text.AsSpan(Position, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase);

    public void Expect(char expected, string what)
    {
        SkipTrivia();
        if (AtEnd) throw Error($"expected {what} but the document ended");
        if (Peek() != expected) throw Error($"expected {what} but found {Describe(Peek())}");
        Position++;
    }

    /// <summary>Skips white space and <c># comments</c>.</summary>
    public void SkipTrivia()
    {
        while (!AtEnd)
        {
            var c = _text[Position];
            if (IsWhiteSpace(c))
            {
                Position++;
            }
            else if (c == '#')
            {
                while (!AtEnd && _text[Position] is not ('\n' or '\r')) Position++;
            }
            else
            {
                return;
            }
        }
    }

    public static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\f';

    public static string Describe(char c) =>
        c < ' ' ? $"character U+{(int)c:X4}" : $"'{c}'";

    public TurtleSyntaxException Error(string problem) => Error(problem, Position);

    public TurtleSyntaxException Error(string problem, int position)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(position, _text.Length);
        for (var i = 0; i < end; i++)
        {
            var c = _text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new TurtleSyntaxException(_documentName, line, end - lineStart + 1, problem);
    }
}

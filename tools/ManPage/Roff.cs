using System.Text;

namespace MemFs.ManPage;

/// <summary>
/// Text made safe for roff (groff_man(7)): backslashes and hyphens escaped, characters outside ASCII as \[uXXXX]
/// (groff(7) special characters; man-db feeds the page to troff as Latin-1), no line starting with a control character.
/// </summary>
internal static class Roff
{
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
            escaped.Append(rune.Value switch
            {
                '\\' => "\\e",
                '-' => "\\-",
                < 128 => rune.ToString(),
                _ => $"\\[u{rune.Value:X4}]",
            });
        return escaped.ToString();
    }

    /// <summary>Paragraph text: every line escaped, and a line starting with '.' or '\'' guarded with \&amp;.</summary>
    public static IEnumerable<string> Lines(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select(line => Escape(line) is var escaped && (escaped.StartsWith('.') || escaped.StartsWith('\'')) ? "\\&" + escaped : escaped);
}

using System.Globalization;

namespace MemFs.Aff4.Metadata;

/// <summary>
/// The <c>version.txt</c> member of an AFF4 Standard volume: <c>name=value</c> lines
/// in any order, ended by \n, \r\n or \r, the last one possibly unterminated.
/// </summary>
public sealed record VersionTxt(int Major, int Minor, string? Tool, IReadOnlyDictionary<string, string> Values)
{
    /// <exception cref="FormatException">A line without '=', or major/minor missing or not a number.</exception>
    public static VersionTxt Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.TrimStart('\uFEFF').Split(["\r\n", "\r", "\n"], StringSplitOptions.None);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var equals = line.IndexOf('=');
            if (equals <= 0) throw new FormatException($"version.txt, line {i + 1}: expected name=value but found '{line}'");
            values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return new VersionTxt(Number(values, "major"), Number(values, "minor"), values.GetValueOrDefault("tool"), values);
    }

    private static int Number(Dictionary<string, string> values, string name)
    {
        if (!values.TryGetValue(name, out var text)) throw new FormatException($"version.txt: '{name}' is missing");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new FormatException($"version.txt: '{name}' is not a number: '{text}'");
        return number;
    }
}

using System.Globalization;

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// The table "ntoskrnl version | GUID-AGE | OS" of JPCERT/CC's Windows-Symbol-Tables README. The GUID-AGE column is
/// the symbol-server id (GUID + age), partly in lower case. A kernel listed twice under two OS labels (three 9600
/// kernels are both Win8.1 and windows-2012) gets both labels.
/// </summary>
internal sealed class JpcertTable
{
    /// <summary>
    /// Two 18362 kernels are listed as 10.0.18326.x: 18326 was an Insider build, while their patch levels (.535,
    /// .778) are 18362 releases and their layouts equal the other 18362 kernels' (data/symbols/README.md).
    /// </summary>
    private static readonly (string Listed, string Actual)[] VersionCorrections = [("10.0.18326.", "10.0.18362.")];

    private JpcertTable(IReadOnlyDictionary<string, JpcertKernel> kernels, IReadOnlyList<string> notes)
    {
        Kernels = kernels;
        Notes = notes;
    }

    public IReadOnlyDictionary<string, JpcertKernel> Kernels { get; }

    /// <summary>Corrections and merges made while reading, for the generator's output.</summary>
    public IReadOnlyList<string> Notes { get; }

    public static JpcertTable Parse(string readme)
    {
        var kernels = new Dictionary<string, JpcertKernel>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var line in readme.Split('\n'))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length != 3 || cells[1].Length != 33 || cells[1].AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF")) continue;
            var id = cells[1].ToUpperInvariant();
            var version = Correct(cells[0], notes, id);
            var os = cells[2];
            if (kernels.TryGetValue(id, out var known))
            {
                if (known.Version != version) throw new InvalidDataException($"JPCERT README lists {id} as {known.Version} and {version}");
                if (!known.Os.Split(" / ").Contains(os))
                {
                    kernels[id] = known with { Os = $"{known.Os} / {os}" };
                    notes.Add($"{id} ({version}) is listed twice: OS labels {known.Os} and {os}");
                }
                continue;
            }
            kernels[id] = new JpcertKernel(id, version, BuildOf(version), os);
        }
        return new JpcertTable(kernels, notes);
    }

    private static string Correct(string version, List<string> notes, string id)
    {
        foreach (var (listed, actual) in VersionCorrections)
        {
            if (!version.StartsWith(listed, StringComparison.Ordinal)) continue;
            var corrected = actual + version[listed.Length..];
            notes.Add($"{id}: README version {version} read as {corrected} (18326 is a typo for 18362)");
            return corrected;
        }
        return version;
    }

    private static uint BuildOf(string version)
    {
        var parts = version.Split('.');
        return parts.Length == 4 && uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var build)
            ? build
            : throw new InvalidDataException($"JPCERT README: version '{version}' is not major.minor.build.revision");
    }
}

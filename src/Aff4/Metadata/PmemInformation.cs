using System.Globalization;

namespace MemFs.Aff4.Metadata;

/// <summary>
/// The <c>information.yaml</c> that WinPmem, osxpmem and Rekall store next to the physical memory
/// stream. Integers are decimal as written by yaml-cpp; 0x hex is accepted too.
/// Keys not modelled here (osxpmem <c>kaslr_slide</c>, ...) stay in <see cref="Values"/>.
/// </summary>
public sealed record PmemInformation(
    string? Imager,
    ulong? Cr3,
    ulong? KernelBase,
    ulong? NtBuildNumber,
    ulong? NtBuildNumberAddress,
    IReadOnlyList<MemoryRun> Runs,
    IReadOnlyDictionary<string, object?> Values)
{
    private const string DocumentName = "information.yaml";

    /// <exception cref="FormatException">Not YAML, not a mapping, or a known key with a bad value.</exception>
    public static PmemInformation Parse(string yamlText)
    {
        var root = MiniYaml.Parse(yamlText, DocumentName) switch
        {
            Dictionary<string, object?> mapping => mapping,
            null => new Dictionary<string, object?>(),
            _ => throw new FormatException($"{DocumentName}: the document is not a mapping"),
        };

        ulong? cr3 = null;
        if (root.GetValueOrDefault("Registers") is { } registers)
        {
            if (registers is not Dictionary<string, object?> registerMap)
                throw new FormatException($"{DocumentName}: 'Registers' is not a mapping");
            cr3 = Number(registerMap, "CR3", "Registers.CR3");
        }

        return new PmemInformation(
            root.GetValueOrDefault("Imager") as string,
            cr3,
            Number(root, "KernBase", "KernBase"),
            Number(root, "NtBuildNumber", "NtBuildNumber"),
            Number(root, "NtBuildNumberAddr", "NtBuildNumberAddr"),
            ReadRuns(root),
            root.AsReadOnly());
    }

    private static List<MemoryRun> ReadRuns(Dictionary<string, object?> root)
    {
        var runs = new List<MemoryRun>();
        switch (root.GetValueOrDefault("Runs"))
        {
            case null:
                return runs;
            case List<object?> items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not Dictionary<string, object?> run)
                        throw new FormatException($"{DocumentName}: Runs[{i}] is not a mapping");
                    var start = Number(run, "start", $"Runs[{i}].start") ?? throw new FormatException($"{DocumentName}: Runs[{i}] has no start");
                    var length = Number(run, "length", $"Runs[{i}].length") ?? throw new FormatException($"{DocumentName}: Runs[{i}] has no length");
                    runs.Add(new MemoryRun(start, length));
                }
                return runs;
            default:
                throw new FormatException($"{DocumentName}: 'Runs' is not a sequence");
        }
    }

    private static ulong? Number(Dictionary<string, object?> mapping, string key, string path)
    {
        if (mapping.GetValueOrDefault(key) is not { } value) return null;
        if (value is string text && TryParseNumber(text, out var number)) return number;
        throw new FormatException($"{DocumentName}: '{path}' is not an unsigned integer: {value}");
    }

    private static bool TryParseNumber(string text, out ulong number) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}

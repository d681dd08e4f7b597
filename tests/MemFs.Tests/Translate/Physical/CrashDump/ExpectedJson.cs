using System.Globalization;
using System.Text.Json;
using MemFs.Tests.Support;

namespace MemFs.Tests.Translate.Physical.CrashDump;

/// <summary>shared/data/crashdump/expected.json, whose values read like "0x4a61 (19041)", "0x1ad002 (low 12 bits ...)" or 16.</summary>
internal static class ExpectedJson
{
    public static JsonElement For(string dumpFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.Require("crashdump/expected.json")));
        return document.RootElement.GetProperty(dumpFile).Clone();
    }

    public static ulong Number(JsonElement value)
    {
        return value.ValueKind == JsonValueKind.Number ? value.GetUInt64() : Number(value.GetString()!);
    }

    public static ulong Number(string text)
    {
        var token = text.Split(' ', ',')[0];
        return token.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(token[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(token, CultureInfo.InvariantCulture);
    }

    public static ulong Number(JsonElement parent, string name) => Number(parent.GetProperty(name));

    /// <summary>The decimal in parentheses, as in "0x4a61 (19041)".</summary>
    public static uint Parenthesized(JsonElement parent, string name)
    {
        var text = parent.GetProperty(name).GetString()!;
        var open = text.IndexOf('(');
        return uint.Parse(text[(open + 1)..text.IndexOf(')', open)], CultureInfo.InvariantCulture);
    }

    public static byte[] HexBytes(string hex) => Convert.FromHexString(hex);
}

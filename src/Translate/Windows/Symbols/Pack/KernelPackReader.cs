using System.Globalization;
using System.Text.Json;

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>Reads the JSON <see cref="KernelPackWriter"/> writes.</summary>
internal static class KernelPackReader
{
    public static KernelPack Read(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.GetProperty("format").GetInt32();
        if (format != KernelPack.FormatVersion)
            throw new InvalidDataException($"kernel pack format {format}; this MemFs reads format {KernelPack.FormatVersion}");
        var kernels = new Dictionary<string, PackedKernel>(StringComparer.Ordinal);
        foreach (var kernel in root.GetProperty("kernels").EnumerateObject())
            kernels[kernel.Name] = new PackedKernel(kernel.Value.GetProperty("version").GetString()!, kernel.Value.GetProperty("build").GetUInt32(),
                kernel.Value.GetProperty("os").GetString()!, ReadLayout(kernel.Value));
        var families = new Dictionary<uint, PackedFamily>();
        foreach (var family in root.GetProperty("families").EnumerateObject())
        {
            var build = uint.Parse(family.Name, CultureInfo.InvariantCulture);
            families[build] = new PackedFamily(build,
                family.Value.GetProperty("derivedFrom").EnumerateArray().Select(e => e.GetString()!).ToList(),
                family.Value.GetProperty("verified").GetBoolean(), ReadLayout(family.Value),
                family.Value.GetProperty("omitted").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString()!, StringComparer.Ordinal));
        }
        return new KernelPack(root.GetProperty("attribution").GetString()!, root.GetProperty("license").GetString()!, kernels, families);
    }

    private static PackedLayout ReadLayout(JsonElement e) => new(
        e.GetProperty("offsets").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal),
        e.GetProperty("bits").EnumerateObject().ToDictionary(p => p.Name, p => new BitField(p.Value[0].GetInt32(), p.Value[1].GetInt32()), StringComparer.Ordinal),
        e.GetProperty("sizes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal),
        e.TryGetProperty("rvas", out var rvas)
            ? rvas.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetUInt64(), StringComparer.Ordinal)
            : new Dictionary<string, ulong>(StringComparer.Ordinal));
}

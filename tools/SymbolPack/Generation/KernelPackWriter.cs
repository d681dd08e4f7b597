using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MemFs.Translate.Windows.Symbols.Pack;

/// <summary>
/// Writes a pack as JSON with every object's keys in ordinal order, numbers in invariant form and "\n" line ends,
/// so the output depends only on the data.
/// </summary>
internal static class KernelPackWriter
{
    public static byte[] Write(KernelPack pack)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            json.WriteStartObject();
            json.WriteString("attribution", pack.Attribution);
            json.WriteStartObject("families");
            foreach (var (build, family) in pack.Families.OrderBy(f => f.Key))
                WriteFamily(json, build.ToString(CultureInfo.InvariantCulture), family);
            json.WriteEndObject();
            json.WriteNumber("format", KernelPack.FormatVersion);
            json.WriteStartObject("kernels");
            foreach (var (id, kernel) in pack.Kernels.OrderBy(k => k.Key, StringComparer.Ordinal))
                WriteKernel(json, id, kernel);
            json.WriteEndObject();
            json.WriteString("license", pack.License);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteFamily(Utf8JsonWriter json, string name, PackedFamily family)
    {
        json.WriteStartObject(name);
        WriteMap(json, "bits", family.Layout.Bits);
        json.WriteStartArray("derivedFrom");
        foreach (var id in family.DerivedFrom.Order(StringComparer.Ordinal)) json.WriteStringValue(id);
        json.WriteEndArray();
        WriteMap(json, "offsets", family.Layout.Offsets);
        json.WriteStartObject("omitted");
        foreach (var (field, reason) in family.Omitted.OrderBy(o => o.Key, StringComparer.Ordinal)) json.WriteString(field, reason);
        json.WriteEndObject();
        WriteMap(json, "sizes", family.Layout.Sizes);
        json.WriteBoolean("verified", family.Verified);
        json.WriteEndObject();
    }

    private static void WriteKernel(Utf8JsonWriter json, string id, PackedKernel kernel)
    {
        json.WriteStartObject(id);
        WriteMap(json, "bits", kernel.Layout.Bits);
        json.WriteNumber("build", kernel.Build);
        WriteMap(json, "offsets", kernel.Layout.Offsets);
        json.WriteString("os", kernel.Os);
        json.WriteStartObject("rvas");
        foreach (var (name, rva) in kernel.Layout.Rvas.OrderBy(r => r.Key, StringComparer.Ordinal)) json.WriteNumber(name, rva);
        json.WriteEndObject();
        WriteMap(json, "sizes", kernel.Layout.Sizes);
        json.WriteString("version", kernel.Version);
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, int> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal)) json.WriteNumber(key, value);
        json.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, BitField> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            json.WriteStartArray(key);
            json.WriteNumberValue(value.Position);
            json.WriteNumberValue(value.Length);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}

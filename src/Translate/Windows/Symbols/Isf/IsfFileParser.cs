using System.Text.Json;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>Turns the JSON of an ISF (schema 6.x, <c>schemas/schema-6.3.0.json</c>) into an <see cref="IsfFile"/>.</summary>
internal static class IsfFileParser
{
    public static IsfFile Read(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("metadata", out var metadata))
            throw new IsfFormatException($"{source}: not an ISF (no metadata object)");
        return IsfFile.Create(source, ReadMetadata(metadata),
            ReadMap(root, "base_types", ReadBaseType),
            ReadMap(root, "user_types", ReadUserType),
            ReadMap(root, "enums", ReadEnum),
            ReadMap(root, "symbols", ReadSymbol));
    }

    internal static IsfMetadata ReadMetadata(JsonElement metadata)
    {
        var format = metadata.TryGetProperty("format", out var f) ? f.GetString() ?? "" : "";
        string? producerName = null, producerVersion = null;
        if (metadata.TryGetProperty("producer", out var producer) && producer.ValueKind == JsonValueKind.Object)
        {
            producerName = OptionalString(producer, "name");
            producerVersion = OptionalString(producer, "version");
        }
        IsfPdbIdentity? pdb = null;
        if (metadata.TryGetProperty("windows", out var windows) && windows.TryGetProperty("pdb", out var p))
            pdb = new IsfPdbIdentity(p.GetProperty("GUID").GetString()!, p.GetProperty("age").GetUInt32(),
                OptionalString(p, "database") ?? "", p.TryGetProperty("machine_type", out var m) ? m.GetInt32() : 0);
        return new IsfMetadata(format, producerName, producerVersion, pdb);
    }

    private static Dictionary<string, T> ReadMap<T>(JsonElement root, string name, Func<JsonElement, T> read)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        if (!root.TryGetProperty(name, out var obj)) return map;
        foreach (var property in obj.EnumerateObject()) map[property.Name] = read(property.Value);
        return map;
    }

    private static IsfBaseType ReadBaseType(JsonElement e) =>
        new(e.GetProperty("size").GetInt32(), e.TryGetProperty("signed", out var s) && s.GetBoolean(),
            OptionalString(e, "kind") ?? "", OptionalString(e, "endian") ?? "little");

    private static IsfUserType ReadUserType(JsonElement e)
    {
        var fields = new Dictionary<string, IsfField>(StringComparer.Ordinal);
        if (e.TryGetProperty("fields", out var f))
            foreach (var field in f.EnumerateObject())
                fields[field.Name] = new IsfField(field.Value.GetProperty("offset").GetInt32(), ReadType(field.Value.GetProperty("type")),
                    field.Value.TryGetProperty("anonymous", out var a) && a.GetBoolean());
        return new IsfUserType(OptionalString(e, "kind") ?? "struct", e.GetProperty("size").GetInt32(), fields);
    }

    private static IsfEnum ReadEnum(JsonElement e)
    {
        var constants = new Dictionary<string, long>(StringComparer.Ordinal);
        if (e.TryGetProperty("constants", out var c))
            foreach (var constant in c.EnumerateObject()) constants[constant.Name] = constant.Value.GetInt64();
        return new IsfEnum(e.GetProperty("size").GetInt32(), OptionalString(e, "base") ?? "", constants);
    }

    private static IsfSymbol ReadSymbol(JsonElement e) =>
        new(e.GetProperty("address").GetUInt64(), OptionalString(e, "linkage_name"),
            e.TryGetProperty("type", out var t) ? ReadType(t) : null);

    private static IsfTypeRef ReadType(JsonElement e)
    {
        var kind = e.GetProperty("kind").GetString()!;
        var element = e.TryGetProperty("subtype", out var sub) ? ReadType(sub)
            : kind == "bitfield" && e.TryGetProperty("type", out var under) ? ReadType(under)
            : null;
        return new IsfTypeRef(kind, OptionalString(e, "name"), element, OptionalInt(e, "count"),
            OptionalInt(e, "bit_position"), OptionalInt(e, "bit_length"));
    }

    private static string? OptionalString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? OptionalInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemFs.Mount.Cli.Json;

/// <summary>
/// The JSON the commands print, serialized by source-generated code (no reflection, so trimmed and NativeAOT builds
/// print the same): camelCase names, indented, nulls written, non-ASCII text (paths, "…") written as itself.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<ProcessRow>))]
[JsonSerializable(typeof(IReadOnlyList<ModuleRow>))]
[JsonSerializable(typeof(IReadOnlyList<DriverRow>))]
[JsonSerializable(typeof(IReadOnlyList<VadRow>))]
[JsonSerializable(typeof(IReadOnlyList<ThreadRow>))]
[JsonSerializable(typeof(IReadOnlyList<HandleRow>))]
[JsonSerializable(typeof(InfoJson))]
[JsonSerializable(typeof(VtopJson))]
[JsonSerializable(typeof(Aff4InfoJson))]
[JsonSerializable(typeof(IReadOnlyList<FindingRow>))]
internal sealed partial class CliJson : JsonSerializerContext
{
    private static CliJson? _readable;

    /// <summary>Made on first use: field initializers of partial classes run in no stated order, so <see cref="Default"/> may not exist yet in one.</summary>
    private static CliJson Readable => _readable ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The rows as an indented JSON array.</summary>
    public static string Serialize(IReadOnlyList<ProcessRow> rows) => JsonSerializer.Serialize(rows, Readable.IReadOnlyListProcessRow);

    public static string Serialize(IReadOnlyList<ModuleRow> rows) => JsonSerializer.Serialize(rows, Readable.IReadOnlyListModuleRow);

    public static string Serialize(IReadOnlyList<DriverRow> rows) => JsonSerializer.Serialize(rows, Readable.IReadOnlyListDriverRow);

    public static string Serialize(IReadOnlyList<VadRow> rows) => JsonSerializer.Serialize(rows, Readable.IReadOnlyListVadRow);

    public static string Serialize(IReadOnlyList<ThreadRow> rows) => JsonSerializer.Serialize(rows, Readable.IReadOnlyListThreadRow);

    public static string Serialize(IReadOnlyList<HandleRow> rows) => JsonSerializer.Serialize(rows, Readable.IReadOnlyListHandleRow);

    public static string Serialize(InfoJson info) => JsonSerializer.Serialize(info, Readable.InfoJson);

    public static string Serialize(VtopJson vtop) => JsonSerializer.Serialize(vtop, Readable.VtopJson);

    public static string Serialize(Aff4InfoJson info) => JsonSerializer.Serialize(info, Readable.Aff4InfoJson);

    public static string Serialize(IReadOnlyList<FindingRow> rows) => JsonSerializer.Serialize(rows, Readable.IReadOnlyListFindingRow);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemFs.Mount.Cli.Json;

/// <summary>
/// The JSON the commands print, serialized by source-generated code (no reflection, so trimmed and NativeAOT builds
/// print the same): camelCase names, indented, nulls written.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<ProcessRow>))]
[JsonSerializable(typeof(IReadOnlyList<ModuleRow>))]
[JsonSerializable(typeof(IReadOnlyList<DriverRow>))]
[JsonSerializable(typeof(IReadOnlyList<VadRow>))]
[JsonSerializable(typeof(IReadOnlyList<ThreadRow>))]
[JsonSerializable(typeof(IReadOnlyList<HandleRow>))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>The rows as an indented JSON array.</summary>
    public static string Serialize(IReadOnlyList<ProcessRow> rows) => JsonSerializer.Serialize(rows, Default.IReadOnlyListProcessRow);

    public static string Serialize(IReadOnlyList<ModuleRow> rows) => JsonSerializer.Serialize(rows, Default.IReadOnlyListModuleRow);

    public static string Serialize(IReadOnlyList<DriverRow> rows) => JsonSerializer.Serialize(rows, Default.IReadOnlyListDriverRow);

    public static string Serialize(IReadOnlyList<VadRow> rows) => JsonSerializer.Serialize(rows, Default.IReadOnlyListVadRow);

    public static string Serialize(IReadOnlyList<ThreadRow> rows) => JsonSerializer.Serialize(rows, Default.IReadOnlyListThreadRow);

    public static string Serialize(IReadOnlyList<HandleRow> rows) => JsonSerializer.Serialize(rows, Default.IReadOnlyListHandleRow);
}

using System.Text.Json;
using MemFs.Tests.Support;

namespace MemFs.Tests.Aff4.Reference;

/// <summary>shared/data/aff4/expected.json: the values every reference volume must produce.</summary>
public static class ExpectedValues
{
    public static readonly string[] AllFiles =
    [
        "AFF4Std/Base-Linear.aff4", "AFF4Std/Base-Linear-AllHashes.aff4", "AFF4Std/Base-Linear-ReadError.aff4", "AFF4Std/Base-Allocated.aff4",
        "aff4-cpp-lite/Micro7.001.aff4", "aff4-cpp-lite/Micro9.001.aff4",
        "synthetic/synthetic-winpmem21-legacy.aff4", "synthetic/synthetic-winpmem33-caff4.aff4",
    ];

    public static readonly string[] StandardImages = AllFiles[..6];
    public static readonly string[] SyntheticMemoryImages = AllFiles[6..];

    /// <summary>Read sizes that catch chunk-boundary bugs (the aff4-cpp-lite / aff4-java sweep).</summary>
    public static readonly int[] ReadSizeSweep = [512, 571, 1024, 2048, 4096, 32767, 32768, 32769, 524287, 524288, 524289, 1048576, 1048577, 33554432];

    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(SharedData.Require("aff4/expected.json"))));

    public static JsonElement For(string file) => Document.Value.RootElement.GetProperty("files").GetProperty(file);

    public static string PathOf(string file) => SharedData.Require("aff4/" + file);

    public static long Number(this JsonElement e) => e.ValueKind == JsonValueKind.String ? long.Parse(e.GetString()!) : e.GetInt64();

    public static ulong UNumber(this JsonElement e) => e.ValueKind == JsonValueKind.String ? ulong.Parse(e.GetString()!) : e.GetUInt64();

    public static long Hex(this JsonElement e) => Convert.ToInt64(e.GetString()!, 16);

    public static IEnumerable<JsonProperty> Properties(this JsonElement e) =>
        e.ValueKind == JsonValueKind.Object ? e.EnumerateObject() : [];

    public static JsonElement? Optional(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;
}

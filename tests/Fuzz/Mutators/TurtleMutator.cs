using MemFs.Fuzz.Recipes;
using MemFs.Fuzz.Seeds;
using MemFs.Tests.Demo;

namespace MemFs.Fuzz.Mutators;

/// <summary>
/// Adds a claim to the demo AFF4 volume's Turtle that contradicts what it stores: sizes near 2^63 or past the bevies,
/// chunk sizes and counts no writer uses, unknown compression, a pagefile number out of range, a map whose target is
/// itself, a value of the wrong type.
/// </summary>
internal sealed class TurtleMutator : IMutator
{
    private const string Volume = DemoImageBuilder.VolumeUrn;

    private static readonly string[] Subjects =
    [
        Volume + "/PhysicalMemory", Volume + "/PhysicalMemory/data", Volume + "/C:/pagefile.sys",
        Volume + "/" + DemoLayout.NotesPath.Replace('\\', '/'), Volume + "/" + DemoLayout.DemoDllPath.Replace('\\', '/'),
    ];

    private static readonly string[] Numbers =
    [
        "0", "-1", "1", "3", "511", "4096", "2147483648", "4294967296", "4503599627370496", "1152921504606846976",
        "9223372036854775807", "9223372036854775806", "-9223372036854775808", "18446744073709551615", "\"twelve\"",
    ];

    private static readonly (string Property, string[] Values)[] Claims =
    [
        ("aff4:size", Numbers),
        ("aff4:chunkSize", Numbers),
        ("aff4:chunksInSegment", Numbers),
        ("memory:pagefile_number", Numbers),
        ("aff4:compressionMethod", ["<http://example.invalid/none>", "<https://code.google.com/p/snappy/>", "<http://code.google.com/p/lz4/>", "\"zlib\""]),
        ("aff4:category", ["memory:pagefile", "memory:physical", "<http://example.invalid/x>"]),
        ("aff4:mapGapDefaultStream", ["<" + Volume + "/PhysicalMemory>", "<" + Volume + "/missing>"]),
        ("aff4:dependentStream", ["<" + Volume + "/PhysicalMemory>", "<" + Volume + "/missing>"]),
        ("a", ["aff4:ImageStream", "aff4:Map", "aff4:ZipSegment"]),
    ];

    public string Name => "turtle";

    public bool Applies(SeedKind kind) => kind == SeedKind.Aff4;

    public IReadOnlyList<Operation> Mutate(Random random, SeedKind kind, SeedEvidence seeds)
    {
        var operations = new List<Operation>();
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var (property, values) = Claims[random.Next(Claims.Length)];
            operations.Add(new Operation.Turtle($"<{Subjects[random.Next(Subjects.Length)]}> {property} {values[random.Next(values.Length)]} ."));
        }
        return operations;
    }
}

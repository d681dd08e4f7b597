using MemFs.Tests.Aff4.Reference;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using MemFs.Aff4.Rdf;
using MemFs.Tests.Support;
using NUnit.Framework;

namespace MemFs.Tests.Aff4.Rdf;

/// <summary>Reads members of the shared AFF4 sample volumes (tests only) and their expected.json entry.</summary>
internal static class SampleVolume
{
    public static readonly string[] All = ExpectedValues.AllFiles;

    public static string ReadMember(string volume, string member)
    {
        using var zip = ZipFile.OpenRead(SharedData.Require("aff4/" + volume));
        var entry = zip.GetEntry(member);
        if (entry is null) Assert.Fail($"{volume} has no member {member}");
        using var reader = new StreamReader(entry!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<Triple> Triples(string volume) =>
        TurtleParser.Parse(ReadMember(volume, "information.turtle"), volume + "/information.turtle");

    public static RdfGraph Graph(string volume) => new(Triples(volume));

    public static JsonElement Expected(string volume)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SharedData.Require("aff4/expected.json")));
        return document.RootElement.GetProperty("files").GetProperty(volume).Clone();
    }
}

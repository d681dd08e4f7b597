using System.Text.Json;
using MemFs.Tests.Support;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.Kernel;
using NUnit.Framework;

namespace MemFs.Tests.Executables;

/// <summary>The header fields executable.exe is rebuilt from, read from every real PE in ../shared/data/pe against its expected.json.</summary>
public class PeFileLayoutTests
{
    public static IEnumerable<string> Files()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Require("pe/expected.json")));
        return json.RootElement.GetProperty("files").EnumerateObject().Select(f => f.Name).ToList();
    }

    [TestCaseSource(nameof(Files))]
    public void FileLayoutFieldsMatchExpected(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.Require("pe/expected.json")));
        var expected = json.RootElement.GetProperty("files").GetProperty(name);
        static uint Hex(JsonElement e, string field) => Convert.ToUInt32(e.GetProperty(field).GetString(), 16);
        var page = File.ReadAllBytes(SharedData.Require("pe/" + name))[..PeImageView.HeaderBytes];

        var headers = PeImageView.Parse(new HeadersOnly(), 0, page, out var why);

        Assert.That(headers, Is.Not.Null, why);
        var lfanew = BitConverter.ToInt32(page, 0x3C);
        // PE32+: signature (4) and file header (20), then ImageBase at +24 of the optional header.
        Assert.That(headers!.File, Is.EqualTo(new PeFileAlignment(Hex(expected, "SizeOfHeaders"), Hex(expected, "FileAlignment"), Hex(expected, "SectionAlignment"),
            Convert.ToUInt64(expected.GetProperty("ImageBase").GetString(), 16), lfanew + 4 + 20 + 24)));
        Assert.That(headers.Sections.Select(s => (s.Name, s.VirtualAddress, s.VirtualSize, s.PointerToRawData, s.SizeOfRawData)),
            Is.EqualTo(expected.GetProperty("sections").EnumerateArray().Select(s =>
                (s.GetProperty("Name").GetString(), Hex(s, "VirtualAddress"), Hex(s, "VirtualSize"), Hex(s, "PointerToRawData"), Hex(s, "SizeOfRawData")))));
    }
}

using System.Text;
using System.Text.RegularExpressions;
using MemFs.Aff4;
using MemFs.Aff4.Discovery;
using MemFs.Aff4.Hashing;
using MemFs.Aff4.Streams;
using NUnit.Framework;
using static MemFs.Tests.Aff4.Reference.ExpectedValues;

namespace MemFs.Tests.Aff4.Reference;

/// <summary>The WinPmem 2.1 and 3.3 imitations: physical memory, runs, CR3, pagefiles and acquired files.</summary>
public class SyntheticMemoryImageTests
{
    [TestCaseSource(typeof(ExpectedValues), nameof(SyntheticMemoryImages))]
    public void PhysicalMemoryIsFoundByCategoryAndReadsBack(string file)
    {
        var expected = For(file).GetProperty("physical_memory");
        using var image = Aff4Image.Open(PathOf(file));
        var found = image.Locator.FindPhysicalMemory();
        Assert.That(found?.Urn, Is.EqualTo(expected.GetProperty("urn").GetString()));
        Assert.That(found!.Value.FoundBy, Does.Contain("category"));

        var map = (MapStream)image.OpenStream(found.Value.Urn);
        Assert.That(map.Length, Is.EqualTo(expected.GetProperty("size").GetInt64()));
        var expectedRuns = expected.GetProperty("runs").EnumerateArray().Select(r => (r[0].GetInt64(), r[1].GetInt64())).ToArray();
        var unreadable = expected.Optional("unreadable_pages")?.EnumerateArray().Select(p => p.GetInt64()).ToArray() ?? [];
        Assert.That(AcquiredOrMarkedRuns(map), Is.EqualTo(expectedRuns), "runs = data entries plus UnreadableData pages, merged");
        Assert.That(map.Entries.Where(e => SymbolicStreams.MarksMissingData(map.Targets[e.TargetId].Urn)).SelectMany(Pages), Is.EqualTo(unreadable));

        var digests = StreamHasher.Hash(map, 0, map.Length, ["sha256", "md5"], image.Volumes.FilePaths);
        Assert.That(digests["sha256"], Is.EqualTo(expected.GetProperty("sha256").GetString()));
        Assert.That(digests["md5"], Is.EqualTo(expected.GetProperty("md5").GetString()));

        var data = (ImageStream)map.Targets.Single(t => t is ImageStream);
        Assert.That(data.Length, Is.EqualTo(expected.GetProperty("data_stream_size").GetInt64()));
        Assert.That(StreamHasher.Hash(data, 0, data.Length, ["sha256"], image.Volumes.FilePaths)["sha256"], Is.EqualTo(expected.GetProperty("data_stream_sha256").GetString()));

        foreach (var (name, offset) in new[] { ("bytes_at_0x203000", 0x203000L), ("bytes_at_0x204000", 0x204000L) })
            if (expected.Optional(name) is { } text)
                foreach (var readSize in ReadSizeSweep)
                    Assert.That(Encoding.ASCII.GetString(ReferenceVolumeTests.ReadInPieces(map, offset, 16, readSize)), Is.EqualTo(text.GetString()), $"{name}, {readSize}");
    }

    /// <summary>expected.json spells the decoded map entries out in its map_entries_note; both note styles are parsed.</summary>
    [TestCaseSource(typeof(ExpectedValues), nameof(SyntheticMemoryImages))]
    public void MapEntriesDecodeAsTheNoteLists(string file)
    {
        var expected = For(file).GetProperty("physical_memory");
        var note = expected.GetProperty("map_entries_note").GetString()!;
        var legacy = Regex.Matches(note, @"\((0x[0-9A-F]+), len (0x[0-9A-F]+), tgt (0x[0-9A-F]+)\)");
        var standard = Regex.Matches(note, @"\((0x[0-9A-F]+), (0x[0-9A-F]+) -> (\w+)@(0x[0-9A-F]+)\)");
        var wanted = legacy.Count > 0
            ? legacy.Select(m => (Hex(m.Groups[1]), Hex(m.Groups[2]), Hex(m.Groups[3]), "data")).ToArray()
            : standard.Select(m => (Hex(m.Groups[1]), Hex(m.Groups[2]), Hex(m.Groups[4]), m.Groups[3].Value)).ToArray();
        Assert.That(wanted, Has.Length.GreaterThanOrEqualTo(3), note);

        using var image = Aff4Image.Open(PathOf(file));
        var map = (MapStream)image.OpenStream(expected.GetProperty("urn").GetString()!);
        Assert.That(map.Order, Is.EqualTo(legacy.Count > 0 ? MapEntryOrder.LegacySwapped : MapEntryOrder.Standard));
        Assert.That(map.Warnings, Is.Empty, "the declared order is consistent: no guessing");
        Assert.That(map.Entries.Select(e => (e.MappedOffset, e.Length, e.TargetOffset, ShortName(map.Targets[e.TargetId].Urn))), Is.EqualTo(wanted));
    }

    private static long Hex(Group g) => Convert.ToInt64(g.Value, 16);

    private static string ShortName(string urn) => urn.EndsWith("/data", StringComparison.Ordinal) ? "data" : urn[(urn.LastIndexOf('#') + 1)..];

    [TestCaseSource(typeof(ExpectedValues), nameof(SyntheticMemoryImages))]
    public void PmemMetadataGivesCr3KernelBaseAndRuns(string file)
    {
        var expected = For(file).GetProperty("physical_memory");
        using var image = Aff4Image.Open(PathOf(file));
        var (info, _) = image.Locator.ReadPmemInformation(image.Locator.FindPhysicalMemory()!.Value.Urn)!.Value;
        var yaml = expected.GetProperty("information_yaml");
        Assert.That(info.Cr3, Is.EqualTo(yaml.GetProperty("CR3").UNumber()));
        Assert.That(info.KernelBase, Is.EqualTo(yaml.GetProperty("KernBase").UNumber()));
        var full = expected.GetProperty("information_yaml_full");
        Assert.That(info.Imager, Is.EqualTo(full.GetProperty("Imager").GetString()));
        Assert.That(info.NtBuildNumber, Is.EqualTo(full.GetProperty("NtBuildNumber").UNumber()));
        Assert.That(info.NtBuildNumberAddress, Is.EqualTo(full.GetProperty("NtBuildNumberAddr").UNumber()));
        Assert.That(info.Runs.Select(r => (r.Start, r.Length)),
            Is.EqualTo(full.GetProperty("Runs").EnumerateArray().Select(r => (r.GetProperty("start").UNumber(), r.GetProperty("length").UNumber()))));
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(SyntheticMemoryImages))]
    public void PagefilesAreFoundByCategoryAndNumber(string file)
    {
        var expected = For(file).GetProperty("pagefiles").EnumerateArray().ToArray();
        using var image = Aff4Image.Open(PathOf(file));
        var pagefiles = image.Locator.FindPagefiles();
        Assert.That(pagefiles.Select(p => (p.Urn, p.Number)), Is.EqualTo(expected.Select(p => (p.GetProperty("urn").GetString(), (int?)p.GetProperty("number").GetInt32()))));
        foreach (var (pagefile, want) in pagefiles.Zip(expected))
        {
            var stream = image.OpenStream(pagefile.Urn);
            Assert.That(stream.Length, Is.EqualTo(want.GetProperty("size").GetInt64()));
            Assert.That(StreamHasher.Hash(stream, 0, stream.Length, ["sha256"], image.Volumes.FilePaths)["sha256"], Is.EqualTo(want.GetProperty("sha256").GetString()));
        }
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(SyntheticMemoryImages))]
    public void AcquiredFilesAreFoundByWindowsPath(string file)
    {
        var expected = For(file).GetProperty("files");
        using var image = Aff4Image.Open(PathOf(file));
        foreach (var entry in expected.Properties().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Object))
        {
            foreach (var spelling in new[] { entry.Name, entry.Name.ToUpperInvariant(), entry.Name.Replace("SysNative", "System32"), entry.Name.Replace('\\', '/') })
            {
                var found = image.Locator.FindFile(spelling);
                Assert.That(found?.Urn, Is.EqualTo(entry.Value.GetProperty("urn").GetString()), spelling);
            }
            var stream = image.OpenStream(entry.Value.GetProperty("urn").GetString()!);
            Assert.That(stream.Length, Is.EqualTo(entry.Value.GetProperty("size").GetInt64()));
            Assert.That(StreamHasher.Hash(stream, 0, stream.Length, ["sha256"], image.Volumes.FilePaths)["sha256"], Is.EqualTo(entry.Value.GetProperty("sha256").GetString()));
        }
        Assert.That(image.Locator.FindFile(@"C:\Windows\System32\drivers\no-such-driver.sys"), Is.Null);
    }

    private static IEnumerable<long> Pages(MapEntry e)
    {
        for (var p = e.MappedOffset; p < e.End; p += 4096) yield return p;
    }

    private static IEnumerable<(long, long)> AcquiredOrMarkedRuns(MapStream map)
    {
        var runs = new List<(long Start, long Length)>();
        foreach (var e in map.Entries.Where(e => !map.Targets[e.TargetId].Urn.EndsWith("#Zero", StringComparison.Ordinal)))
        {
            if (runs.Count > 0 && runs[^1].Start + runs[^1].Length == e.MappedOffset) runs[^1] = (runs[^1].Start, runs[^1].Length + e.Length);
            else runs.Add((e.MappedOffset, e.Length));
        }
        return runs;
    }
}

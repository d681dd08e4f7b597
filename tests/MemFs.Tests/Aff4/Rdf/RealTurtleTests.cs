using System.Text.Json;
using MemFs.Aff4.Rdf;
using MemFs.Tests.Support;
using NUnit.Framework;
using V = MemFs.Aff4.Rdf.Aff4Vocabulary;

namespace MemFs.Tests.Aff4.Rdf;

/// <summary>The information.turtle of every shared sample volume, checked against expected.json.</summary>
public class RealTurtleTests
{
    [Test]
    public void TheSampleListCoversEveryVolumeInTheSharedFolder()
    {
        var root = SharedData.Require("aff4");
        var onDisk = Directory.EnumerateFiles(root, "*.aff4", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'));

        Assert.That(SampleVolume.All, Is.EquivalentTo(onDisk));
    }

    [TestCaseSource(typeof(SampleVolume), nameof(SampleVolume.All))]
    public void ParsesAndMatchesExpectedStreamMapAndImage(string volume)
    {
        var graph = SampleVolume.Graph(volume);
        var expected = SampleVolume.Expected(volume);

        Assert.That(graph.Triples, Is.Not.Empty);
        Assert.That(graph.Subjects.All(s => s.StartsWith("aff4://", StringComparison.Ordinal)), Is.True);
        if (expected.TryGetProperty("stream", out var stream))
        {
            var urn = stream.GetProperty("urn").GetString()!;
            Assert.That(graph.IsA(urn, V.ImageStream), Is.True);
            Assert.That(Int64(graph, urn, V.Size), Is.EqualTo(stream.GetProperty("size").GetInt64()));
            Assert.That(Int64(graph, urn, V.ChunkSize), Is.EqualTo(stream.GetProperty("chunkSize").GetInt64()));
            Assert.That(Int64(graph, urn, V.ChunksInSegment), Is.EqualTo(stream.GetProperty("chunksInSegment").GetInt64()));
            Assert.That(graph.First(urn, V.CompressionMethod), Is.EqualTo(RdfTerm.Iri(stream.GetProperty("compressionMethod").GetString()!)));
        }
        if (expected.TryGetProperty("map", out var map))
        {
            var urn = map.GetProperty("urn").GetString()!;
            Assert.That(graph.IsA(urn, V.Map), Is.True);
            Assert.That(Int64(graph, urn, V.Size), Is.EqualTo(map.GetProperty("size").GetInt64()));
            // Micro7/Micro9 state no gap stream; expected.json then lists the default, aff4:Zero.
            var gap = graph.GetString(urn, V.MapGapDefaultStream) ?? Aff4Namespaces.Standard + "Zero";
            Assert.That(gap, Is.EqualTo(map.GetProperty("gap_stream").GetString()));
            Assert.That(graph.Objects(urn, V.DependentStream).Select(o => o.Value), Does.Contain(stream.GetProperty("urn").GetString()));
        }
        if (expected.TryGetProperty("image", out var image))
        {
            var urn = image.GetProperty("urn").GetString()!;
            var types = image.GetProperty("types").EnumerateArray().Select(t => Aff4Namespaces.Standard + t.GetString()!["aff4:".Length..]);
            Assert.That(graph.TypesOf(urn), Is.EquivalentTo(types));
            Assert.That(graph.GetString(urn, V.DataStream), Is.EqualTo(image.GetProperty("dataStream").GetString()));
        }
        if (expected.TryGetProperty("volume_urn", out var volumeUrn) && !volume.StartsWith("synthetic/", StringComparison.Ordinal))
            Assert.That(graph.SubjectsOfType(V.ZipVolume), Is.EqualTo(new[] { volumeUrn.GetString() }));
    }

    [Test]
    public void BaseLinear()
    {
        const string stream = "aff4://c215ba20-5648-4209-a793-1f918c723610";
        const string disk = "aff4://cf853d0b-5589-4c7c-8358-2ca1572b87eb";
        const string volume = "aff4://685e15cc-d0fb-4dbc-ba47-48117fc77044";
        var triples = SampleVolume.Triples("AFF4Std/Base-Linear.aff4");
        var graph = new RdfGraph(triples);

        Assert.That(triples, Has.Count.EqualTo(87));
        Assert.That(graph.TryGetInt64(stream, V.ChunkSize, out var chunkSize) ? chunkSize : 0, Is.EqualTo(32768));
        Assert.That(graph.TryGetInt64(stream, V.ChunksInSegment, out var chunks) ? chunks : 0, Is.EqualTo(2048));
        Assert.That(graph.TryGetInt64(stream, V.Size, out var size) ? size : 0, Is.EqualTo(3964928));
        Assert.That(graph.First(stream, V.CompressionMethod), Is.EqualTo(RdfTerm.Iri("http://code.google.com/p/snappy/")));
        Assert.That(graph.First(stream, V.Stored), Is.EqualTo(RdfTerm.Iri(volume)));
        Assert.That(graph.GetString(stream, V.Version), Is.EqualTo("1"));
        Assert.That(graph.SubjectsOfType(V.DiskImage), Is.EqualTo(new[] { disk }));
        Assert.That(graph.GetString(disk, V.DataStream), Is.EqualTo("aff4://fcbfdce7-4488-4677-abf6-08bc931e195b"));
        Assert.That(graph.SubjectsOfType(V.BlockHashes), Is.EqualTo(new[] { stream + "/blockhash.md5", stream + "/blockhash.sha1" }));
        Assert.That(graph.First(volume, V.Stored), Is.EqualTo(RdfTerm.Literal("Base-Linear.aff4")));
        Assert.That(graph.Objects(volume, V.Contains), Has.Count.EqualTo(7));

        var hashes = graph.Objects(stream, V.Hash)
            .Select(h => HashAlgorithmIri.TryParse(h.Datatype!, out var algorithm) ? (algorithm, h.Value) : default)
            .ToList();
        Assert.That(hashes, Is.EqualTo(new[] { ("sha1", "fbac22cca549310bc5df03b7560afcf490995fbb"), ("md5", "d5825dc1152a42958c8219ff11ed01a3") }));
        var diskHash = graph.First(disk, V.Hash)!;
        Assert.That(HashAlgorithmIri.TryParse(diskHash.Datatype!, out var diskAlgorithm) ? diskAlgorithm : null, Is.EqualTo("blockMapHashSHA512"));
        Assert.That(diskHash.Value, Does.StartWith("c339331791f2018c"));
    }

    [Test]
    public void AllHashesCarriesBlake2b()
    {
        const string volume = "AFF4Std/Base-Linear-AllHashes.aff4";
        var graph = SampleVolume.Graph(volume);
        var stream = SampleVolume.Expected(volume).GetProperty("stream");
        var urn = stream.GetProperty("urn").GetString()!;

        var byAlgorithm = graph.Objects(urn, V.Hash).ToDictionary(
            h => HashAlgorithmIri.TryParse(h.Datatype!, out var a) ? a : "?", h => h.Value);

        Assert.That(byAlgorithm.Keys, Is.EquivalentTo(new[] { "md5", "sha1", "sha256", "sha512", "blake2b" }));
        Assert.That(byAlgorithm["blake2b"], Is.EqualTo(stream.GetProperty("computed_hash").GetProperty("blake2b").GetString()));
    }

    [Test]
    public void Micro7MemoryImageWithPhysicalMemoryMaps()
    {
        const string volume = "aff4-cpp-lite/Micro7.001.aff4";
        var graph = SampleVolume.Graph(volume);
        var image = SampleVolume.Expected(volume).GetProperty("image");
        var urn = image.GetProperty("urn").GetString()!;

        Assert.That(graph.SubjectsOfType(V.MemoryImage), Is.EqualTo(new[] { urn }));
        Assert.That(graph.IsA(urn, V.DiscontiguousImage), Is.True);
        var ranges = graph.Objects(urn, V.MemoryAddressMap)
            .Select(m => m.Value)
            .Select(m => (Offset: Int64(graph, m, V.MemoryOffset), Size: Int64(graph, m, V.MemorySize),
                Description: graph.GetString(m, V.MemoryDescription), IsMap: graph.IsA(m, V.PhysicalMemoryMap)))
            .OrderBy(r => r.Offset)
            .ToList();
        var expected = image.GetProperty("PhysicalMemoryMap_sorted").EnumerateArray()
            .Select(r => (r.GetProperty("memoryOffset").GetInt64(), r.GetProperty("memorySize").GetInt64(),
                r.GetProperty("memoryDescription").GetString(), true))
            .ToList();
        Assert.That(ranges, Is.EqualTo(expected));
        Assert.That(ranges, Has.Count.EqualTo(3));
        Assert.That(graph.SubjectsOfType(V.PhysicalMemoryMap), Has.Count.EqualTo(3));
        Assert.That(Int64(graph, urn, V.PageSize), Is.EqualTo(long.Parse(image.GetProperty("pageSize").GetString()!)));
        Assert.That(Int64(graph, urn, V.MemoryPageTableEntryOffset), Is.EqualTo(0));
        Assert.That(Int64(graph, urn, V.NTKernelBase), Is.EqualTo(0));

        var map = SampleVolume.Expected(volume).GetProperty("map").GetProperty("urn").GetString()!;
        var blockHashesHash = graph.First(map, V.BlockHashesHash)!;
        Assert.That(HashAlgorithmIri.TryParse(blockHashesHash.Datatype!, out var algorithm) ? algorithm : null, Is.EqualTo("sha256"));
    }

    [Test]
    public void SyntheticLegacyWinPmem21()
    {
        const string volume = "synthetic/synthetic-winpmem21-legacy.aff4";
        const string vol = "aff4://5eb1c2d4-0000-4000-8000-000000002101";
        var graph = SampleVolume.Graph(volume);
        var expected = SampleVolume.Expected(volume);

        Assert.That(SampleVolume.ReadMember(volume, "information.turtle"), Does.StartWith("@base <" + vol + ">"));
        var physical = expected.GetProperty("physical_memory").GetProperty("urn").GetString();
        Assert.That(graph.SubjectsWith(V.Category, V.MemoryPhysical), Is.EqualTo(new[] { physical }));
        Assert.That(graph.IsA(physical!, V.Map), Is.True);
        Assert.That(graph.TypesOf(physical!), Is.EqualTo(new[] { Aff4Namespaces.Standard + "map" }));
        Assert.That(graph.First(physical!, V.Size), Is.Null);
        Assert.That(graph.First(physical!, V.Stored), Is.EqualTo(RdfTerm.Iri(vol)));

        var data = vol + "/PhysicalMemory/data";
        Assert.That(graph.TypesOf(data), Is.EqualTo(new[] { Aff4Namespaces.Standard + "image" }));
        Assert.That(graph.SubjectsOfType(V.ImageStream), Is.EqualTo(new[] { data, vol + "/c:/pagefile.sys" }));
        Assert.That(graph.SubjectsOfType(V.Image), Is.Empty);
        Assert.That(Int64(graph, data, V.ChunkSize), Is.EqualTo(32768));
        Assert.That(Int64(graph, data, V.ChunksInSegment), Is.EqualTo(32));
        Assert.That(Int64(graph, data, V.Size), Is.EqualTo(expected.GetProperty("physical_memory").GetProperty("data_stream_size").GetInt64()));
        Assert.That(graph.GetString(data, V.CompressionMethod), Is.EqualTo("https://www.ietf.org/rfc/rfc1950.txt"));
        Assert.That(graph.First(data, V.Size)!.Datatype, Is.EqualTo(Aff4Namespaces.Xsd + "integer"));

        AssertPagefile(graph, expected);
        AssertAcpi(graph, expected);
    }

    [Test]
    public void SyntheticCAff4WinPmem33()
    {
        const string volume = "synthetic/synthetic-winpmem33-caff4.aff4";
        const string vol = "aff4://5eb1c2d4-0000-4000-8000-000000003303";
        var graph = SampleVolume.Graph(volume);
        var expected = SampleVolume.Expected(volume);
        var physical = expected.GetProperty("physical_memory");
        var urn = physical.GetProperty("urn").GetString()!;

        Assert.That(graph.SubjectsWith(V.Category, V.MemoryPhysical), Is.EqualTo(new[] { urn }));
        Assert.That(graph.IsA(urn, V.Map), Is.True);
        Assert.That(Int64(graph, urn, V.Size), Is.EqualTo(physical.GetProperty("size").GetInt64()));
        Assert.That(Int64(graph, urn + "/data", V.Size), Is.EqualTo(physical.GetProperty("data_stream_size").GetInt64()));
        Assert.That(graph.GetString(urn + "/data", V.CompressionMethod), Is.EqualTo("https://tools.ietf.org/html/rfc1951"));

        var ntoskrnl = vol + "/C:/Windows/SysNative/ntoskrnl.exe";
        Assert.That(graph.TypesOf(ntoskrnl), Is.EqualTo(new[] { Aff4Namespaces.Standard + "Image", Aff4Namespaces.Standard + "ImageStream" }));
        Assert.That(graph.GetString(ntoskrnl, V.OriginalFileName), Is.EqualTo(@"C:\Windows\SysNative\ntoskrnl.exe"));
        Assert.That(Int64(graph, ntoskrnl, V.Size), Is.EqualTo(expected.GetProperty("files").GetProperty(@"C:\Windows\SysNative\ntoskrnl.exe").GetProperty("size").GetInt64()));

        AssertPagefile(graph, expected);
        AssertAcpi(graph, expected);
    }

    private static void AssertPagefile(RdfGraph graph, JsonElement expected)
    {
        var pagefile = expected.GetProperty("pagefiles")[0];
        var urn = pagefile.GetProperty("urn").GetString()!;
        Assert.That(graph.SubjectsWith(V.Category, V.MemoryPagefile), Is.EqualTo(new[] { urn }));
        Assert.That(Int64(graph, urn, V.PagefileNumber), Is.EqualTo(pagefile.GetProperty("number").GetInt64()));
        Assert.That(Int64(graph, urn, V.Size), Is.EqualTo(pagefile.GetProperty("size").GetInt64()));
        Assert.That(graph.IsA(urn, V.ImageStream), Is.True);
    }

    private static void AssertAcpi(RdfGraph graph, JsonElement expected)
    {
        const string path = @"C:\Windows\SysNative\drivers\acpi.sys";
        var urn = expected.GetProperty("files").GetProperty(path).GetProperty("urn").GetString()!;
        var name = graph.First(urn, V.OriginalFileName)!;
        Assert.That(name.Value, Is.EqualTo(path));
        Assert.That(name.Datatype, Is.EqualTo(Aff4Namespaces.Xsd + "string"));
        Assert.That(graph.SubjectsWith(V.Stored, expected.GetProperty("volume_urn").GetString()!), Does.Contain(urn));
    }

    private static long Int64(RdfGraph graph, string subject, Aff4Term term)
    {
        Assert.That(graph.TryGetInt64(subject, term, out var value), Is.True, $"{subject} {term}");
        return value;
    }
}

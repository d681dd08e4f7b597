using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemFs.Aff4;
using MemFs.Aff4.Hashing;
using MemFs.Aff4.Rdf;
using MemFs.Aff4.Streams;
using NUnit.Framework;
using static MemFs.Tests.Aff4.Reference.ExpectedValues;

namespace MemFs.Tests.Aff4.Reference;

/// <summary>Every value expected.json states for the AFF4 reference images, checked through the reader.</summary>
public class ReferenceVolumeTests
{
    private static readonly Dictionary<string, Aff4Term> HashTerms = new()
    {
        ["hash"] = Aff4Vocabulary.Hash, ["mapPointHash"] = Aff4Vocabulary.MapPointHash, ["mapIdxHash"] = Aff4Vocabulary.MapIdxHash,
        ["mapPathHash"] = Aff4Vocabulary.MapPathHash, ["mapHash"] = Aff4Vocabulary.MapHash, ["blockMapHash"] = Aff4Vocabulary.BlockMapHash,
        ["imageStreamHash"] = Aff4Vocabulary.ImageStreamHash, ["imageStreamIndexHash"] = Aff4Vocabulary.ImageStreamIndexHash,
        ["blockHashesHash"] = Aff4Vocabulary.BlockHashesHash, ["linearBlockHash"] = Aff4Vocabulary.LinearBlockHash,
    };

    [TestCaseSource(typeof(ExpectedValues), nameof(AllFiles))]
    public void VolumeFacts(string file)
    {
        var expected = For(file);
        var path = PathOf(file);
        Assert.That(new FileInfo(path).Length, Is.EqualTo(expected.GetProperty("file_size").GetInt64()));
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), Is.EqualTo(expected.GetProperty("file_sha256").GetString()));

        using var image = Aff4Image.Open(path);
        var volume = image.Volumes.Volumes.Single();
        Assert.That(volume.Urn, Is.EqualTo(expected.GetProperty("volume_urn").GetString()));
        if (expected.Optional("zip_comment") is { } comment) Assert.That(volume.Zip.Comment, Is.EqualTo(comment.GetString()));
        Assert.That(volume.Zip.Members.Select(m => m.Name), Is.EqualTo(expected.GetProperty("zip_members_in_central_directory_order").EnumerateArray().Select(e => e.GetString())));

        if (expected.Optional("version_txt") is { } version)
        {
            Assert.That(volume.Version, Is.Not.Null);
            Assert.That(volume.Version!.Major.ToString(), Is.EqualTo(version.GetProperty("major").GetString()));
            Assert.That(volume.Version.Minor.ToString(), Is.EqualTo(version.GetProperty("minor").GetString()));
            Assert.That(volume.Version.Tool, Is.EqualTo(version.GetProperty("tool").GetString()));
            Assert.That(volume.Dialect, Does.StartWith("AFF4 Standard 1.0"));
        }
        else
        {
            Assert.That(volume.Version, Is.Null);
            Assert.That(volume.Dialect, Does.StartWith("legacy Rekall/WinPmem"), "expected.json: " + expected.GetProperty("dialect").GetString());
        }
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(StandardImages))]
    public void ImageObject(string file)
    {
        var expected = For(file).GetProperty("image");
        using var image = Aff4Image.Open(PathOf(file));
        var urn = expected.GetProperty("urn").GetString()!;
        Assert.That(image.Graph.TypesOf(urn).Select(Compact).Order(), Is.EqualTo(expected.GetProperty("types").EnumerateArray().Select(t => t.GetString()).Order()));
        Assert.That(image.Graph.First(urn, Aff4Vocabulary.DataStream)?.Value, Is.EqualTo(expected.GetProperty("dataStream").GetString()));
        if (expected.Optional("size") is { } size)
        {
            Assert.That(image.Graph.TryGetInt64(urn, Aff4Vocabulary.Size, out var stated), Is.True);
            Assert.That(stated, Is.EqualTo(size.GetInt64()));
        }
        else Assert.That(image.Graph.TryGetInt64(urn, Aff4Vocabulary.Size, out _), Is.False);
        Assert.That(image.Locator.FindPrimaryImage() ?? image.Locator.FindPhysicalMemory()?.Urn, Is.EqualTo(urn));

        foreach (var (name, value) in expected.GetProperty("stated_hash").Properties().Select(p => (p.Name, p.Value.GetString())))
            Assert.That(new Aff4Verifier(image).StatedHashes(), Has.One.Matches<(string S, Aff4Term P, string A, string V)>(h =>
                h.S == urn && h.P == Aff4Vocabulary.Hash && h.A == name && h.V == value), name);

        if (expected.Optional("PhysicalMemoryMap_sorted") is { } ranges)
        {
            Assert.That(image.Locator.FindPhysicalMemory()?.Urn, Is.EqualTo(urn), "Evimetry memory images are found by aff4:MemoryImage");
            var found = image.Locator.ReadPhysicalMemoryMap(urn);
            Assert.That(found.Select(r => (r.Offset, r.Size, r.Description)),
                Is.EqualTo(ranges.EnumerateArray().Select(r => (r.GetProperty("memoryOffset").UNumber(), r.GetProperty("memorySize").UNumber(), r.GetProperty("memoryDescription").GetString()))));
            foreach (var key in new[] { "memoryPageTableEntryOffset", "pageSize", "memoryAddressableSize", "memoryInstalledSize", "NTKernelBase", "acquisitionType" })
                Assert.That(image.Graph.Objects(urn, Aff4Namespaces.Standard + key).Single().Value, Is.EqualTo(expected.GetProperty(key).GetString()), key);
        }
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(StandardImages))]
    public void MapObject(string file)
    {
        var expected = For(file).GetProperty("map");
        using var image = Aff4Image.Open(PathOf(file));
        var urn = expected.GetProperty("urn").GetString()!;
        var map = (MapStream)image.OpenStream(urn);

        Assert.That(map.Length, Is.EqualTo(expected.GetProperty("size").GetInt64()));
        Assert.That(map.Order, Is.EqualTo(MapEntryOrder.Standard));
        Assert.That(map.Entries, Has.Count.EqualTo(expected.GetProperty("entries_after_dropping_zero_length").GetInt32()));
        Assert.That(map.Targets.Select(t => t.Urn), Is.EqualTo(expected.GetProperty("targets_idx_order").EnumerateArray().Select(t => t.GetString())));
        var perTarget = map.Entries.GroupBy(e => map.Targets[e.TargetId].Urn).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(perTarget, Is.EquivalentTo(expected.GetProperty("entries_per_target").Properties().ToDictionary(p => p.Name, p => p.Value.GetInt32())));
        Assert.That(map.Gap.Urn, Is.EqualTo(expected.GetProperty("gap_stream").GetString()));
        Assert.That(Convert.ToHexStringLower(Read(map, 0, 16)), Is.EqualTo(expected.GetProperty("first_16_bytes_hex").GetString()));
        Assert.That(Convert.ToHexStringLower(Read(map, 0x1FE, 2)), Is.EqualTo(expected.GetProperty("bytes_at_0x1FE_hex").GetString()));

        if (expected.Optional("entries") is { } entries)
            Assert.That(map.Entries.Select(e => (e.MappedOffset, e.Length, e.TargetOffset, map.Targets[e.TargetId].Urn)),
                Is.EqualTo(entries.EnumerateArray().Select(e => (e.GetProperty("mappedOffset").GetInt64(), e.GetProperty("length").GetInt64(),
                    e.GetProperty("targetOffset").GetInt64(), e.GetProperty("target").GetString()))));

        var linear = StreamHasher.Hash(map, 0, map.Length, ["md5", "sha1", "sha256"], image.Volumes.FilePaths);
        foreach (var (algorithm, value) in expected.GetProperty("linear_hash").Properties().Select(p => (p.Name, p.Value.GetString())))
            Assert.That(linear[algorithm], Is.EqualTo(value), $"linear {algorithm}");
        AssertStatedValuesVerify(image, urn, expected.GetProperty("stated"));
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(StandardImages))]
    public void ImageStreamObject(string file)
    {
        var expected = For(file).GetProperty("stream");
        using var image = Aff4Image.Open(PathOf(file));
        var urn = expected.GetProperty("urn").GetString()!;
        var stream = (ImageStream)image.OpenStream(urn);

        Assert.That(stream.Length, Is.EqualTo(expected.GetProperty("size").GetInt64()));
        Assert.That(stream.ChunkSize, Is.EqualTo(expected.GetProperty("chunkSize").GetInt32()));
        Assert.That(stream.Layout.ChunksInSegment, Is.EqualTo(expected.GetProperty("chunksInSegment").GetInt32()));
        Assert.That(image.Graph.First(urn, Aff4Vocabulary.CompressionMethod)?.Value, Is.EqualTo(expected.GetProperty("compressionMethod").GetString()));
        var stats = stream.DescribeChunks();
        Assert.That(stats.Chunks, Is.EqualTo(expected.GetProperty("chunks").GetInt64()));
        Assert.That(stats.IndexEntries, Is.EqualTo(expected.GetProperty("bevy_index_entries").GetInt64()));
        Assert.That(stats.StoredRaw, Is.EqualTo(expected.GetProperty("chunks_stored_raw").GetInt64()));
        Assert.That(stats.Compressed, Is.EqualTo(expected.GetProperty("chunks_compressed").GetInt64()));

        var computed = expected.GetProperty("computed_hash");
        var digests = StreamHasher.Hash(stream, 0, stream.Length, computed.Properties().Select(p => p.Name).ToArray(), image.Volumes.FilePaths);
        foreach (var p in computed.Properties()) Assert.That(digests[p.Name], Is.EqualTo(p.Value.GetString()), $"stream {p.Name}");

        foreach (var algorithm in expected.GetProperty("block_hash_segments").EnumerateArray().Select(a => a.GetString()!))
            Assert.That(BlockHashSegments.Find(image.Volumes, stream, algorithm), Is.Not.Null.And.Count.EqualTo(1), algorithm);
        AssertStatedValuesVerify(image, urn, expected.GetProperty("stated"));

        var verifier = new Aff4Verifier(image);
        foreach (var p in expected.Optional("BlockHashes_subjects")?.Properties() ?? [])
        {
            var subject = $"{urn}/{p.Name}";
            Assert.That(image.Graph.IsA(subject, Aff4Vocabulary.BlockHashes), Is.True, subject);
            var check = verifier.VerifySubject(subject).Single();
            Assert.That((check.Algorithm, check.Stated, check.Status), Is.EqualTo(("sha512", p.Value.GetString(), HashCheckStatus.Match)), subject);
        }
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(StandardImages))]
    public void EveryStatedHashIsReproducedOrReportedAsNotVerifiable(string file)
    {
        var expected = For(file);
        using var image = Aff4Image.Open(PathOf(file));
        var checks = new Aff4Verifier(image).Verify(includeContent: true);

        var notReproducible = new[] { Aff4Vocabulary.ImageStreamHash.Name, Aff4Vocabulary.LinearBlockHash.Name };
        Assert.That(checks.Where(c => notReproducible.Contains(c.Property)), Has.All.Matches<HashCheck>(c => c!.Status == HashCheckStatus.NotVerifiable));
        Assert.That(checks.Where(c => !notReproducible.Contains(c.Property)), Has.All.Matches<HashCheck>(c => c!.Status == HashCheckStatus.Match),
            string.Join("\n", checks.Where(c => c.Status != HashCheckStatus.Match).Select(c => c.ToString())));
        var reproduced = expected.GetProperty("stated_values_reproduced").Properties().Where(p => p.Value.GetBoolean()).Select(p => p.Name).ToArray();
        var perChunk = reproduced.Count(r => r.StartsWith("per-chunk", StringComparison.Ordinal));
        Assert.That(checks.Count(c => c.Property == "per-chunk block hash" && c.Status == HashCheckStatus.Match), Is.EqualTo(perChunk));
        Assert.That(checks.Count(c => c.Status == HashCheckStatus.Match), Is.GreaterThanOrEqualTo(reproduced.Length));
    }

    [TestCaseSource(typeof(ExpectedValues), nameof(StandardImages))]
    public void PointChecksHoldForEveryReadSize(string file)
    {
        var expected = For(file);
        using var image = Aff4Image.Open(PathOf(file));
        foreach (var check in expected.GetProperty("point_checks").EnumerateArray())
        {
            if (check.Optional("offset") is not { } offsetText) continue;
            var stream = image.OpenStream(expected.GetProperty(check.GetProperty("object").GetString()!).GetProperty("urn").GetString()!);
            var offset = offsetText.Hex();
            var length = check.GetProperty("length").GetInt32();
            foreach (var readSize in ReadSizeSweep)
            {
                var bytes = ReadInPieces(stream, offset, length, readSize);
                var what = $"{check.GetProperty("object").GetString()} 0x{offset:X}+{length} read in {readSize}-byte pieces";
                if (check.Optional("expect_hex") is { } hex) Assert.That(Convert.ToHexStringLower(bytes), Is.EqualTo(hex.GetString()), what);
                if (check.Optional("expect_ascii") is { } ascii) Assert.That(Encoding.ASCII.GetString(bytes), Is.EqualTo(ascii.GetString()), what);
                if (check.Optional("expect_prefix_ascii") is { } prefix) Assert.That(Encoding.ASCII.GetString(bytes), Does.StartWith(prefix.GetString()!), what);
                if (check.Optional("expect_sha1") is { } sha1) Assert.That(Convert.ToHexStringLower(SHA1.HashData(bytes)), Is.EqualTo(sha1.GetString()), what);
            }
        }
    }

    [Test]
    public void AllocatedImageWithUnknownDataAsZerosEqualsTheLinearImage()
    {
        var expected = For("AFF4Std/Base-Allocated.aff4");
        var alternative = expected.GetProperty("point_checks").EnumerateArray()
            .Select(c => c.Optional("alternative_linear_sha1_with_UnknownData_read_as_zeros")).Single(v => v is not null)!.Value.GetString();
        using var image = Aff4Image.Open(PathOf("AFF4Std/Base-Allocated.aff4"));
        var map = (MapStream)image.OpenStream(expected.GetProperty("map").GetProperty("urn").GetString()!);
        using var sha1 = SHA1.Create();
        var buffer = new byte[1 << 20];
        for (long pos = 0; pos < map.Length; pos += buffer.Length)
        {
            var n = (int)Math.Min(buffer.Length, map.Length - pos);
            map.Read(pos, buffer.AsSpan(0, n));
            for (var i = 0; i < n; i++)
                if (map.EntryAt(pos + i) is { } e && map.Targets[e.TargetId].Urn == SymbolicStreams.UnknownData) buffer[i] = 0;
            sha1.TransformBlock(buffer, 0, n, null, 0);
        }
        sha1.TransformFinalBlock([], 0, 0);
        Assert.That(Convert.ToHexStringLower(sha1.Hash!), Is.EqualTo(alternative));
    }

    private static void AssertStatedValuesVerify(Aff4Image image, string subject, JsonElement stated)
    {
        var checks = new Aff4Verifier(image).VerifySubject(subject);
        foreach (var property in stated.Properties())
            foreach (var value in property.Value.Properties())
            {
                var term = HashTerms[property.Name];
                var algorithm = value.Name.ToLowerInvariant();
                var check = checks.SingleOrDefault(c => c.Property == term.Name && c.Algorithm == algorithm);
                Assert.That(check, Is.Not.Null, $"{property.Name} {value.Name} is not among the stated hashes read");
                Assert.That(check!.Stated, Is.EqualTo(value.Value.GetString()));
                var wanted = term == Aff4Vocabulary.ImageStreamHash || term == Aff4Vocabulary.LinearBlockHash ? HashCheckStatus.NotVerifiable : HashCheckStatus.Match;
                Assert.That(check.Status, Is.EqualTo(wanted), $"{property.Name} {value.Name}: {check}");
            }
    }

    internal static byte[] Read(IAff4Stream stream, long offset, int length)
    {
        var buffer = new byte[length];
        Assert.That(stream.Read(offset, buffer), Is.EqualTo(length));
        return buffer;
    }

    internal static byte[] ReadInPieces(IAff4Stream stream, long offset, int length, int pieceSize)
    {
        var result = new byte[length];
        var piece = new byte[pieceSize];
        for (var done = 0; done < length;)
        {
            var got = stream.Read(offset + done, piece);
            Assert.That(got, Is.GreaterThan(0));
            var n = Math.Min(got, length - done);
            piece.AsSpan(0, n).CopyTo(result.AsSpan(done));
            done += n;
        }
        return result;
    }

    internal static string Compact(string iri) =>
        iri.StartsWith(Aff4Namespaces.Standard, StringComparison.Ordinal) ? "aff4:" + iri[Aff4Namespaces.Standard.Length..] : iri;
}

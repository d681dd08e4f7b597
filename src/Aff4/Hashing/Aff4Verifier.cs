using MemFs.Aff4.Rdf;
using MemFs.Aff4.Streams;

namespace MemFs.Aff4.Hashing;

/// <summary>
/// Recomputes every hash an AFF4 volume states and says for each whether it matches.
/// Metadata checks read only small segments; content checks read whole streams and report progress.
/// Values without a documented input (aff4:imageStreamHash, aff4:linearBlockHash) are reported as not verifiable.
/// </summary>
public sealed class Aff4Verifier(Aff4Image image)
{
    private static readonly Aff4Term[] HashProperties =
    [
        Aff4Vocabulary.Hash, Aff4Vocabulary.MapHash, Aff4Vocabulary.MapIdxHash, Aff4Vocabulary.MapPointHash, Aff4Vocabulary.MapPathHash,
        Aff4Vocabulary.BlockMapHash, Aff4Vocabulary.ImageStreamHash, Aff4Vocabulary.ImageStreamIndexHash, Aff4Vocabulary.BlockHashesHash,
        Aff4Vocabulary.LinearBlockHash,
    ];

    private const long MaxSmallSegmentBytes = 512L * 1024 * 1024;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _linearHashes = new(StringComparer.Ordinal);
    private RdfGraph Graph => image.Graph;

    /// <summary>Linear digests already computed for an object (from <see cref="Verify"/> or supplied by a caller's own pass).</summary>
    public void RememberLinearHashes(string subject, IReadOnlyDictionary<string, string> digests) => _linearHashes[subject] = digests;

    /// <summary>Every stated hash value: (subject, property name, algorithm name, lower-case hex value).</summary>
    public IReadOnlyList<(string Subject, Aff4Term Property, string Algorithm, string Value)> StatedHashes()
    {
        var stated = new List<(string, Aff4Term, string, string)>();
        foreach (var subject in Graph.Subjects)
            foreach (var property in HashProperties)
                foreach (var literal in Graph.Objects(subject, property))
                {
                    if (literal.Kind != RdfTermKind.Literal) continue;
                    var algorithm = literal.Datatype is not null && HashAlgorithmIri.TryParse(literal.Datatype, out var a) ? a : literal.Datatype ?? "unknown";
                    stated.Add((subject, property, algorithm, literal.Value.Trim().ToLowerInvariant()));
                }
        return stated;
    }

    /// <summary>
    /// Checks every stated hash. With <paramref name="includeContent"/> false, hashes that need whole
    /// streams (linear stream and image hashes, per-chunk block hashes) are skipped.
    /// </summary>
    public IReadOnlyList<HashCheck> Verify(bool includeContent, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        var checks = CheckStated(_ => true, includeContent, progress, cancel);
        if (includeContent) checks.AddRange(VerifyChunkBlockHashes(progress, cancel));
        return checks;
    }

    /// <summary>Checks the hashes stated on one object, including its linear content hashes.</summary>
    public IReadOnlyList<HashCheck> VerifySubject(string subject, CancellationToken cancel = default) =>
        CheckStated(s => s == subject, includeContent: true, null, cancel);

    private List<HashCheck> CheckStated(Func<string, bool> subjects, bool includeContent, IProgress<string>? progress, CancellationToken cancel)
    {
        var checks = new List<HashCheck>();
        foreach (var (subject, property, algorithm, stated) in StatedHashes())
        {
            cancel.ThrowIfCancellationRequested();
            if (!subjects(subject) || (!includeContent && NeedsContent(subject, property, algorithm))) continue;
            progress?.Report($"{property.Name} {algorithm} of {subject}");
            checks.Add(Check(subject, property, algorithm, stated, cancel));
        }
        return checks;
    }

    private bool NeedsContent(string subject, Aff4Term property, string algorithm) =>
        property == Aff4Vocabulary.Hash && !algorithm.StartsWith("blockMapHash", StringComparison.Ordinal) && !Graph.IsA(subject, Aff4Vocabulary.BlockHashes);

    private HashCheck Check(string subject, Aff4Term property, string algorithm, string stated, CancellationToken cancel)
    {
        if (property == Aff4Vocabulary.ImageStreamHash || property == Aff4Vocabulary.LinearBlockHash)
            return new HashCheck(subject, property.Name, algorithm, stated, null, HashCheckStatus.NotVerifiable, "no documented input for this value");
        try
        {
            var computed = Compute(subject, property, algorithm, cancel);
            if (computed is null)
                return new HashCheck(subject, property.Name, algorithm, stated, null, HashCheckStatus.NotVerifiable, "algorithm or input not supported");
            return new HashCheck(subject, property.Name, algorithm, stated, computed, computed == stated ? HashCheckStatus.Match : HashCheckStatus.Mismatch);
        }
        catch (IOException e)
        {
            return new HashCheck(subject, property.Name, algorithm, stated, null, HashCheckStatus.Failed, e.Message);
        }
    }

    private string? Compute(string subject, Aff4Term property, string algorithm, CancellationToken cancel)
    {
        if (property == Aff4Vocabulary.Hash)
        {
            if (algorithm.StartsWith("blockMapHash", StringComparison.Ordinal))
                return BlockMapHash(MapOf(subject), algorithm == "blockMapHashSHA256" ? "sha256" : "sha512");
            if (Graph.IsA(subject, Aff4Vocabulary.BlockHashes)) return BlockHashesSubjectHash(subject, algorithm);
            if (!HashAlgorithms.Supported.Contains(algorithm)) return null;
            return LinearHashes(subject, cancel).GetValueOrDefault(algorithm);
        }
        if (property == Aff4Vocabulary.MapPointHash) return Hex(algorithm, MapSegment(subject, "map"));
        if (property == Aff4Vocabulary.MapIdxHash) return Hex(algorithm, MapSegment(subject, "idx"));
        if (property == Aff4Vocabulary.MapPathHash) return Hex(algorithm, MapSegment(subject, "mapPath"));
        if (property == Aff4Vocabulary.MapHash)
            return Hex(algorithm, [.. MapSegment(subject, "map"), .. MapSegment(subject, "idx"), .. OptionalMapSegment(subject, "mapPath")]);
        if (property == Aff4Vocabulary.BlockMapHash) return BlockMapHash(MapOf(subject), algorithm);
        if (property == Aff4Vocabulary.ImageStreamIndexHash) return Hex(algorithm, BevyIndexBytes(subject));
        if (property == Aff4Vocabulary.BlockHashesHash) return BlockHashesHash(subject, algorithm);
        return null;
    }

    /// <summary>One pass over the object computes every algorithm stated for it.</summary>
    private IReadOnlyDictionary<string, string> LinearHashes(string subject, CancellationToken cancel)
    {
        if (_linearHashes.TryGetValue(subject, out var known) && StatedLinearAlgorithms(subject).All(known.ContainsKey)) return known;
        var stream = image.OpenStream(subject);
        ClaimedSize.Check(stream, image.Volumes.FilePaths);
        var digests = StreamHasher.Hash(stream, 0, stream.Length, StatedLinearAlgorithms(subject), image.Volumes.FilePaths, cancel: cancel);
        _linearHashes[subject] = digests;
        return digests;
    }

    private IReadOnlyList<string> StatedLinearAlgorithms(string subject) =>
        StatedHashes().Where(s => s.Subject == subject && s.Property == Aff4Vocabulary.Hash && HashAlgorithms.Supported.Contains(s.Algorithm))
            .Select(s => s.Algorithm).Distinct().ToArray();

    /// <summary>aff4:BlockHashes subject <c>&lt;stream&gt;/blockhash.&lt;alg&gt;</c>: hash of that algorithm's block-hash segments.</summary>
    private string? BlockHashesSubjectHash(string subject, string algorithm)
    {
        var cut = subject.LastIndexOf("/blockhash.", StringComparison.OrdinalIgnoreCase);
        if (cut < 0) return null;
        var stream = ImageStreamAt(subject[..cut]);
        var segment = BlockHashSegments.ReadConcatenated(image.Volumes, stream, subject[(cut + "/blockhash.".Length)..].ToLowerInvariant());
        return segment is null ? null : Hex(algorithm, segment);
    }

    /// <summary>
    /// Standard block-map hash: H( H(BH_md5) ‖ H(BH_sha1) ‖ H(BH_sha256) ‖ H(BH_sha512) ‖ H(BH_blake2b) ‖
    /// mapPointHash ‖ mapIdxHash ‖ mapPathHash ), only the block-hash lists present, all digests raw.
    /// </summary>
    private string? BlockMapHash(MapStream map, string algorithm)
    {
        var data = DataStreamOf(map);
        using var all = new MemoryStream();
        if (data is not null)
            foreach (var blockAlgorithm in BlockHashSegments.Order)
                if (BlockHashSegments.ReadConcatenated(image.Volumes, data, blockAlgorithm) is { } list)
                    all.Write(HashAlgorithms.Compute(algorithm, list));
        all.Write(HashAlgorithms.Compute(algorithm, MapSegment(map.Urn, "map")));
        all.Write(HashAlgorithms.Compute(algorithm, MapSegment(map.Urn, "idx")));
        all.Write(HashAlgorithms.Compute(algorithm, OptionalMapSegment(map.Urn, "mapPath")));
        return Hex(algorithm, all.ToArray());
    }

    /// <summary>
    /// Pre-standard Evimetry: on a stream, the digest of that algorithm's block-hash list; on a map,
    /// SHA256( MD5(BH_md5) ‖ SHA1(BH_sha1) ‖ SHA256(map) ‖ SHA256(idx) ‖ SHA256(mapPath) ).
    /// </summary>
    private string? BlockHashesHash(string subject, string algorithm)
    {
        if (Graph.IsA(subject, Aff4Vocabulary.ImageStream))
        {
            var list = BlockHashSegments.ReadConcatenated(image.Volumes, ImageStreamAt(subject), algorithm);
            return list is null ? null : Hex(algorithm, list);
        }
        var map = MapOf(subject);
        var data = DataStreamOf(map);
        if (data is null) return null;
        using var all = new MemoryStream();
        foreach (var blockAlgorithm in (ReadOnlySpan<string>)["md5", "sha1"])
            if (BlockHashSegments.ReadConcatenated(image.Volumes, data, blockAlgorithm) is { } list)
                all.Write(HashAlgorithms.Compute(blockAlgorithm, list));
        foreach (var part in (ReadOnlySpan<string>)["map", "idx", "mapPath"])
            all.Write(HashAlgorithms.Compute(algorithm, part == "mapPath" ? OptionalMapSegment(map.Urn, part) : MapSegment(map.Urn, part)));
        return Hex(algorithm, all.ToArray());
    }

    /// <summary>Per-chunk block hashes of every ImageStream: one check per stream and algorithm.</summary>
    private IEnumerable<HashCheck> VerifyChunkBlockHashes(IProgress<string>? progress, CancellationToken cancel)
    {
        foreach (var urn in Graph.SubjectsOfType(Aff4Vocabulary.ImageStream))
        {
            ImageStream stream;
            try
            {
                if (image.OpenStream(urn) is not ImageStream s) continue;
                stream = s;
            }
            catch (IOException)
            {
                continue;
            }
            foreach (var algorithm in BlockHashSegments.Order)
            {
                var list = BlockHashSegments.ReadConcatenated(image.Volumes, stream, algorithm);
                if (list is null) continue;
                progress?.Report($"per-chunk {algorithm} of {urn}");
                yield return CheckChunks(stream, algorithm, list, cancel);
            }
        }
    }

    private static HashCheck CheckChunks(ImageStream stream, string algorithm, byte[] list, CancellationToken cancel)
    {
        using var h = HashAlgorithms.Create(algorithm);
        var digestSize = h.HashSize / 8;
        var chunks = stream.Layout.ChunkCount;
        var stated = $"{list.Length / digestSize} digests";
        if (list.Length / digestSize < chunks)
            return new HashCheck(stream.Urn, "per-chunk block hash", algorithm, stated, null, HashCheckStatus.Mismatch, $"{chunks} chunks but only {list.Length / digestSize} digests");
        var padded = new byte[stream.ChunkSize];
        long mismatched = 0;
        long? first = null;
        try
        {
            for (long i = 0; i < chunks; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var chunk = stream.GetChunk(i);
                Array.Clear(padded);
                chunk.AsSpan(0, Math.Min(chunk.Length, padded.Length)).CopyTo(padded);
                var digest = h.ComputeHash(padded);
                if (!digest.AsSpan().SequenceEqual(list.AsSpan((int)(i * digestSize), digestSize)))
                {
                    mismatched++;
                    first ??= i;
                }
            }
        }
        catch (IOException e)
        {
            return new HashCheck(stream.Urn, "per-chunk block hash", algorithm, stated, null, HashCheckStatus.Failed, e.Message);
        }
        return new HashCheck(stream.Urn, "per-chunk block hash", algorithm, stated, $"{chunks - mismatched} of {chunks} chunks match",
            mismatched == 0 ? HashCheckStatus.Match : HashCheckStatus.Mismatch, first is null ? null : $"first mismatching chunk: {first}");
    }

    private MapStream MapOf(string subject)
    {
        var stream = image.OpenStream(subject);
        return stream as MapStream ?? throw new Aff4Exception("a block-map hash is stated but the object is not a map", image.Volumes.FilePaths, subject);
    }

    private static ImageStream? DataStreamOf(MapStream map) => map.Targets.OfType<ImageStream>().FirstOrDefault();

    private ImageStream ImageStreamAt(string urn) =>
        image.OpenStream(urn) as ImageStream ?? throw new Aff4Exception("expected an ImageStream", image.Volumes.FilePaths, urn);

    private byte[] BevyIndexBytes(string streamUrn)
    {
        var stream = ImageStreamAt(streamUrn);
        using var all = new MemoryStream();
        for (long bevy = 0; bevy < stream.BevyCount; bevy++)
        {
            var index = stream.GetBevyIndex(bevy) ?? throw new Aff4Exception($"bevy {bevy} is missing", image.Volumes.FilePaths, streamUrn);
            all.Write(index.Index.ReadAll(MaxSmallSegmentBytes));
        }
        return all.ToArray();
    }

    private byte[] MapSegment(string mapUrn, string name) =>
        (image.Volumes.FindSegment($"{mapUrn}/{name}") ?? throw new Aff4Exception($"the map has no '{name}' segment", image.Volumes.FilePaths, mapUrn))
        .ReadAll(MaxSmallSegmentBytes);

    private byte[] OptionalMapSegment(string mapUrn, string name) =>
        image.Volumes.FindSegment($"{mapUrn}/{name}")?.ReadAll(MaxSmallSegmentBytes) ?? [];

    private static string? Hex(string algorithm, byte[] data)
    {
        using var h = HashAlgorithms.TryCreate(algorithm);
        return h is null ? null : Convert.ToHexStringLower(h.ComputeHash(data));
    }
}

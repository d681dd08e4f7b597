using MemFs.Aff4.Streams;
using MemFs.Aff4.Volumes;

namespace MemFs.Aff4.Hashing;

/// <summary>
/// Evimetry's per-chunk digests: for each bevy a segment <c>&lt;stream&gt;/00000000.blockHash.md5</c>
/// (legacy <c>&lt;stream&gt;/00000000/blockHash.md5</c>) of raw digests, one per chunk, each over the chunk
/// decompressed and zero-padded to the chunk size. The standard text says <c>00000000.md5</c>; no real file does.
/// </summary>
internal static class BlockHashSegments
{
    /// <summary>Algorithms in the order the block-map hash concatenates them.</summary>
    public static readonly IReadOnlyList<string> Order = ["md5", "sha1", "sha256", "sha512", "blake2b"];

    private const long MaxSegmentBytes = 256L * 1024 * 1024;

    /// <summary>The segment of every bevy for <paramref name="algorithm"/>, or null if the stream has none.</summary>
    public static IReadOnlyList<Segment>? Find(VolumeSet volumes, ImageStream stream, string algorithm)
    {
        var segments = new List<Segment>();
        for (long bevy = 0; bevy < Math.Max(stream.BevyCount, 1); bevy++)
        {
            var name = $"{stream.Urn}/{bevy:D8}";
            var segment = volumes.FindSegment($"{name}.blockHash.{algorithm}") ?? volumes.FindSegment($"{name}/blockHash.{algorithm}");
            if (segment is null) return segments.Count == 0 ? null : segments;
            segments.Add(segment);
        }
        return segments;
    }

    /// <summary>All bevies' digests of one algorithm, concatenated (what aff4:BlockHashes subjects hash).</summary>
    public static byte[]? ReadConcatenated(VolumeSet volumes, ImageStream stream, string algorithm)
    {
        var segments = Find(volumes, stream, algorithm);
        if (segments is null) return null;
        using var all = new MemoryStream();
        foreach (var s in segments) all.Write(s.ReadAll(MaxSegmentBytes));
        return all.ToArray();
    }
}

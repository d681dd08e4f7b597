using MemFs.Aff4.Streams;

namespace MemFs.Aff4.Hashing;

/// <summary>
/// Checks, before a stream is hashed end to end, that what it claims is what the volume can back: an ImageStream's
/// stated aff4:size needs its last bevy (chunk count / aff4:chunksInSegment), and a map's unmapped bytes past 1 TiB
/// would be hashed as holes for days. Either is refused up front with the reason, not discovered years later.
/// </summary>
public static class ClaimedSize
{
    /// <summary>Holes a hash still reads through (about 10 minutes at 2 GB/s); past this a sparse map is refused.</summary>
    public const long MaxHashedHoles = 1L << 40;

    /// <summary>Why hashing <paramref name="stream"/> to its stated length cannot be done, or null when it can.</summary>
    public static string? Problem(IAff4Stream stream) => stream switch
    {
        ImageStream image => ImageProblem(image),
        MapStream map => MapProblem(map),
        _ => null,
    };

    /// <summary>Throws naming the volume files and the stream when <see cref="Problem"/> finds one.</summary>
    public static void Check(IAff4Stream stream, string files)
    {
        if (Problem(stream) is { } problem) throw new Aff4Exception(problem, files, stream.Urn);
    }

    private static string? ImageProblem(ImageStream stream)
    {
        if (stream.BevyCount == 0) return null;
        var last = stream.BevyCount - 1;
        var chunks = stream.Layout.ChunkCount - last * stream.Layout.ChunksInSegment;
        var index = stream.GetBevyIndex(last);
        if (index is not null && index.Count >= chunks) return null;
        var found = index is null ? "is in no opened volume" : $"holds {index.Count} chunks";
        return $"claims 0x{stream.Length:X} bytes ({stream.Layout.ChunkCount} chunks of {stream.ChunkSize} bytes in {stream.BevyCount} bevies) " +
            $"but its last bevy (segment '{stream.Urn}/{last:D8}') {found}, not {chunks}: the stated size is more than the volume stores (a corrupt volume)";
    }

    private static string? MapProblem(MapStream map)
    {
        foreach (var target in map.Targets)
            if (Problem(target) is { } problem) return $"its target '{target.Urn}' {problem}";
        var mapped = map.DataRuns().Sum(r => r.Length);
        if (map.Length - mapped <= MaxHashedHoles) return null;
        return $"claims 0x{map.Length:X} bytes but its map places only 0x{mapped:X} of them: hashing the rest would read " +
            $"0x{map.Length - mapped:X} bytes of holes for days; hash a part with 'memfs aff4 cat IMAGE --stream URN --offset N --length N | sha256sum'";
    }
}

using System.Collections.Concurrent;
using MemFs.Aff4.Caching;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Rdf;
using MemFs.Aff4.Volumes;

namespace MemFs.Aff4.Streams;

/// <summary>
/// Opens any AFF4 object by URN as an <see cref="IAff4Stream"/>: symbolic streams by name, Maps and
/// ImageStreams by their RDF type, abstract Images through aff4:dataStream, and otherwise a Zip member of
/// that name. Opened streams are kept, so every caller shares one stream object (and its cached chunks).
/// </summary>
public sealed class StreamResolver
{
    private const string ScudetteImage = "http://aff4.org/Schema#image";
    private const string ScudetteMap = "http://aff4.org/Schema#map";
    private const string LegacySnappy = "https://github.com/google/snappy";
    private const int DefaultChunkSize = 32768;
    private const int DefaultChunksInSegment = 1024;

    private readonly ConcurrentDictionary<string, IAff4Stream> _opened = new(StringComparer.Ordinal);
    private readonly Lock _openLock = new();
    private readonly List<string> _warnings = [];

    public StreamResolver(VolumeSet volumes, ChunkCache cache)
    {
        Volumes = volumes;
        Cache = cache;
    }

    public VolumeSet Volumes { get; }
    public ChunkCache Cache { get; }
    private RdfGraph Graph => Volumes.Graph;

    /// <summary>Things noticed while opening streams that a user should know (dialect guesses, missing sizes).</summary>
    public IReadOnlyList<string> Warnings
    {
        get { lock (_warnings) return _warnings.ToArray(); }
    }

    public IAff4Stream Open(string urn)
    {
        if (_opened.TryGetValue(urn, out var known)) return known;
        lock (_openLock) return Open(urn, []);
    }

    private IAff4Stream Open(string urn, IReadOnlyList<string> chain)
    {
        if (_opened.TryGetValue(urn, out var known)) return known;
        if (chain.Contains(urn)) throw new Aff4CycleException([.. chain, urn], Volumes.FilePaths);
        var path = chain.Append(urn).ToArray();
        var stream = SymbolicStreams.TryOpen(urn) ?? OpenDescribed(urn, path);
        _opened[urn] = stream;
        return stream;
    }

    private IAff4Stream OpenDescribed(string urn, IReadOnlyList<string> chain)
    {
        if (Graph.IsA(urn, Aff4Vocabulary.Map)) return OpenMap(urn, chain);
        if (Graph.IsA(urn, Aff4Vocabulary.ImageStream)) return OpenImageStream(urn);
        var dataStream = Graph.First(urn, Aff4Vocabulary.DataStream);
        if (dataStream is { Kind: RdfTermKind.Iri }) return Open(dataStream.Value, chain);
        var segment = Volumes.FindSegment(urn);
        if (segment is not null) return new SegmentStream(urn, segment);
        throw new Aff4Exception("no opened volume describes this object or stores a segment of that name", Volumes.FilePaths, urn);
    }

    private MapStream OpenMap(string urn, IReadOnlyList<string> chain)
    {
        var declaredOrder = Graph.TypesOf(urn).Contains(ScudetteMap) ? MapEntryOrder.LegacySwapped : MapEntryOrder.Standard;
        var gap = Graph.First(urn, Aff4Vocabulary.MapGapDefaultStream)?.Value ?? SymbolicStreams.Zero;
        var map = MapLoader.Load(urn, declaredOrder, StatedIntegers(urn, Aff4Vocabulary.Size), gap, Volumes, target => Open(target, chain));
        if (map.Warnings.Count > 0) lock (_warnings) _warnings.AddRange(map.Warnings);
        return map;
    }

    private ImageStream OpenImageStream(string urn)
    {
        var compressionIri = Graph.First(urn, Aff4Vocabulary.CompressionMethod)?.Value;
        CompressionMethod? compression = null;
        if (compressionIri is not null)
        {
            if (!CompressionMethodIris.TryParse(compressionIri, out var method))
                throw new Aff4Exception($"unsupported compression method <{compressionIri}>", Volumes.FilePaths, urn);
            compression = method;
        }
        var chunkSize = ChunkSize(urn);
        var chunksInSegment = SmallInteger(urn, Aff4Vocabulary.ChunksInSegment, DefaultChunksInSegment);
        var alwaysCompressed = Graph.TypesOf(urn).Contains(ScudetteImage) || compressionIri == LegacySnappy;
        var size = LargestInteger(urn, Aff4Vocabulary.Size) ?? SizeFromIndexes(urn, chunkSize, chunksInSegment);
        return new ImageStream(urn, new ImageStreamLayout(size, chunkSize, chunksInSegment, compression, alwaysCompressed), Volumes, Cache);
    }

    /// <summary>
    /// A split image (c-aff4 --split) repeats metadata in every volume, and earlier volumes may state a smaller
    /// size: the largest stated value is the final one.
    /// </summary>
    private long? LargestInteger(string urn, Aff4Term term)
    {
        var values = StatedIntegers(urn, term);
        return values.Count == 0 ? null : values.Max();
    }

    /// <summary>Every integer value stated for <paramref name="term"/>, distinct; a negative one is an error.</summary>
    private IReadOnlyList<long> StatedIntegers(string urn, Aff4Term term)
    {
        var values = new SortedSet<long>();
        foreach (var value in Graph.Objects(urn, term))
            if (value.TryGetInt64(out var n)) values.Add(n);
        if (values.Count > 0 && values.Min < 0) throw new Aff4Exception($"negative {term.Name} {values.Min}", Volumes.FilePaths, urn);
        return [.. values];
    }

    /// <summary>The stated chunk size, refused up front (naming the volumes that describe the stream) when no writer uses it.</summary>
    private int ChunkSize(string urn)
    {
        var value = LargestInteger(urn, Aff4Vocabulary.ChunkSize) ?? DefaultChunkSize;
        if (ImageStreamLayout.ChunkSizeProblem(value) is { } problem)
            throw new Aff4Exception(problem, Volumes.FilePaths, urn);
        return (int)value;
    }

    private int SmallInteger(string urn, Aff4Term term, int defaultValue)
    {
        var value = LargestInteger(urn, term);
        if (value is null) return defaultValue;
        if (value <= 0 || value > int.MaxValue) throw new Aff4Exception($"{term.Name} {value} is out of range", Volumes.FilePaths, urn);
        return (int)value;
    }

    /// <summary>No aff4:size: count the index entries of the bevies present and say so.</summary>
    private long SizeFromIndexes(string urn, int chunkSize, int chunksInSegment)
    {
        long chunks = 0;
        for (long bevy = 0; ; bevy++)
        {
            var index = BevyIndex.Load(Volumes, urn, bevy, chunksInSegment);
            if (index is null) break;
            chunks += index.Count;
        }
        lock (_warnings) _warnings.Add($"'{urn}' states no aff4:size; assuming {chunks} full chunks of {chunkSize} bytes");
        return chunks * chunkSize;
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Streams;
using MemFs.Tests.Aff4.Codecs;

namespace MemFs.Tests.Aff4.Writers;

/// <summary>
/// Test-only AFF4 writer: builds volumes in any of the dialects the reader must handle (standard and
/// legacy bevy indexes, both map entry orders, every compression method).
/// </summary>
public sealed class TestAff4VolumeBuilder(string volumeUrn, TestZipOptions? zipOptions = null, bool writeVersionTxt = true)
{
    public const string Aff4 = "http://aff4.org/Schema#";
    private readonly TestZipWriter _zip = new(zipOptions);
    private readonly StringBuilder _turtle = new(
        "@prefix aff4: <http://aff4.org/Schema#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix memory: <http://aff4.org/Schema#memory/> .\n\n");

    public string VolumeUrn { get; } = volumeUrn;

    /// <summary>Adds raw Turtle statements (absolute IRIs or the aff4/xsd/memory prefixes).</summary>
    public void AddTurtle(string statements) => _turtle.Append(statements).Append('\n');

    public void AddSegment(string urn, byte[] data, bool deflate = false)
    {
        if (deflate) _zip.AddDeflated(MemberName(urn), data);
        else _zip.AddStored(MemberName(urn), data);
    }

    /// <summary>
    /// Writes <paramref name="data"/> as an ImageStream. Chunks that do not shrink are stored raw when
    /// <paramref name="storeIncompressibleRaw"/> (standard writers); <paramref name="shuffle"/> places chunks out of
    /// order inside each bevy, as c-aff4's thread pool does.
    /// </summary>
    public void AddImageStream(string urn, byte[] data, int chunkSize, int chunksPerSegment, CompressionMethod method,
        BevyIndexLayout layout = BevyIndexLayout.Standard, string? compressionIri = null, bool legacyVocabulary = false,
        bool storeIncompressibleRaw = true, bool padLastChunk = false, bool shuffle = false, bool writeSize = true)
    {
        var chunks = (data.Length + chunkSize - 1) / chunkSize;
        for (var bevy = 0; bevy * chunksPerSegment < chunks; bevy++)
        {
            var bevyData = new MemoryStream();
            var entries = new List<(long Offset, int Length)>();
            var order = Enumerable.Range(0, Math.Min(chunksPerSegment, chunks - bevy * chunksPerSegment)).ToList();
            var placed = new (long Offset, int Length)[order.Count];
            if (shuffle) order.Reverse();
            foreach (var slot in order)
            {
                var chunkIndex = bevy * chunksPerSegment + slot;
                var chunk = data.AsSpan(chunkIndex * chunkSize, Math.Min(chunkSize, data.Length - chunkIndex * chunkSize)).ToArray();
                if (padLastChunk && chunk.Length < chunkSize) Array.Resize(ref chunk, chunkSize);
                var stored = Compress(method, chunk);
                if (storeIncompressibleRaw && stored.Length >= chunkSize - 16 && chunk.Length == chunkSize) stored = chunk;
                placed[slot] = (bevyData.Position, stored.Length);
                bevyData.Write(stored);
            }
            entries.AddRange(placed);
            var bevyUrn = $"{urn}/{bevy:D8}";
            AddSegment(bevyUrn, bevyData.ToArray());
            switch (layout)
            {
                case BevyIndexLayout.Standard:
                    var index = new byte[entries.Count * 12];
                    for (var i = 0; i < entries.Count; i++)
                    {
                        BinaryPrimitives.WriteUInt64LittleEndian(index.AsSpan(i * 12), (ulong)entries[i].Offset);
                        BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(i * 12 + 8), (uint)entries[i].Length);
                    }
                    AddSegment(bevyUrn + ".index", index);
                    break;
                case BevyIndexLayout.LegacyStartOffsets or BevyIndexLayout.LegacyEndOffsets:
                    if (shuffle) throw new ArgumentException("legacy indexes cannot describe shuffled chunks");
                    var legacy = new byte[entries.Count * 4];
                    for (var i = 0; i < entries.Count; i++)
                    {
                        var value = layout == BevyIndexLayout.LegacyStartOffsets ? entries[i].Offset : entries[i].Offset + entries[i].Length;
                        BinaryPrimitives.WriteUInt32LittleEndian(legacy.AsSpan(i * 4), (uint)value);
                    }
                    AddSegment(bevyUrn + "/index", legacy);
                    break;
            }
        }
        var iri = compressionIri ?? DefaultIri(method);
        var size = writeSize ? $" aff4:size \"{data.Length}\"^^xsd:long ;" : "";
        AddTurtle(legacyVocabulary
            ? $"<{urn}> a aff4:image ;{size} aff4:chunk_size {chunkSize} ; aff4:chunks_per_segment {chunksPerSegment} ; aff4:compression <{iri}> ; aff4:stored <{VolumeUrn}> ."
            : $"<{urn}> a aff4:ImageStream ;{size} aff4:chunkSize {chunkSize} ; aff4:chunksInSegment {chunksPerSegment} ; aff4:compressionMethod <{iri}> ; aff4:stored <{VolumeUrn}> .");
    }

    /// <summary>Writes a Map's map and idx segments with entries in the given field order, in the given sequence.</summary>
    public void AddMap(string urn, IEnumerable<MapEntry> entries, IReadOnlyList<string> targets, MapEntryOrder order = MapEntryOrder.Standard,
        long? size = null, string? gapIri = null, bool legacyType = false, string? extraProperties = null)
    {
        var list = entries.ToList();
        var map = new byte[list.Count * 28];
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            var s = map.AsSpan(i * 28);
            BinaryPrimitives.WriteUInt64LittleEndian(s, (ulong)e.MappedOffset);
            BinaryPrimitives.WriteUInt64LittleEndian(s[8..], (ulong)(order == MapEntryOrder.Standard ? e.Length : e.TargetOffset));
            BinaryPrimitives.WriteUInt64LittleEndian(s[16..], (ulong)(order == MapEntryOrder.Standard ? e.TargetOffset : e.Length));
            BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)e.TargetId);
        }
        AddSegment(urn + "/map", map);
        AddSegment(urn + "/idx", Encoding.UTF8.GetBytes(string.Concat(targets.Select(t => t + "\n"))));
        var props = new StringBuilder($"<{urn}> a aff4:{(legacyType ? "map" : "Map")} ; aff4:stored <{VolumeUrn}>");
        if (size is not null) props.Append($" ; aff4:size {size}");
        if (gapIri is not null) props.Append($" ; aff4:mapGapDefaultStream <{gapIri}>");
        if (extraProperties is not null) props.Append(" ; ").Append(extraProperties);
        AddTurtle(props.Append(" .").ToString());
    }

    public byte[] Build()
    {
        _zip.AddStored("container.description", Encoding.UTF8.GetBytes(VolumeUrn));
        if (writeVersionTxt) _zip.AddStored("version.txt", "major=1\nminor=0\ntool=MemFs test writer\n"u8.ToArray());
        _turtle.Append($"<{VolumeUrn}> a aff4:ZipVolume .\n");
        _zip.AddDeflated("information.turtle", Encoding.UTF8.GetBytes(_turtle.ToString()));
        return _zip.ToArray();
    }

    public string WriteTo(string directory, string fileName = "test.aff4")
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, Build());
        return path;
    }

    /// <summary>Member name of a URN: the path after the volume URN, or the whole URN with its scheme escaped (AFF4 Standard v1.0 §5).</summary>
    public string MemberName(string urn)
    {
        var name = urn.StartsWith(VolumeUrn + "/", StringComparison.Ordinal) ? urn[(VolumeUrn.Length + 1)..] : urn.Replace("aff4://", "aff4%3A%2F%2F");
        return name.Replace(":", "%3A");
    }

    public static byte[] Compress(CompressionMethod method, byte[] chunk) => method switch
    {
        CompressionMethod.Stored => chunk,
        CompressionMethod.Snappy => Snappier.Snappy.CompressToArray(chunk),
        CompressionMethod.Lz4 => TestLz4BlockEncoder.Encode(chunk),
        CompressionMethod.Zlib => Deflate(chunk, zlib: true),
        CompressionMethod.Deflate => Deflate(chunk, zlib: false),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static string DefaultIri(CompressionMethod method) => method switch
    {
        CompressionMethod.Stored => "http://aff4.org/Schema#NullCompressor",
        CompressionMethod.Snappy => "http://code.google.com/p/snappy/",
        CompressionMethod.Lz4 => "https://code.google.com/p/lz4/",
        CompressionMethod.Zlib => "https://www.ietf.org/rfc/rfc1950.txt",
        CompressionMethod.Deflate => "https://tools.ietf.org/html/rfc1951",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    private static byte[] Deflate(byte[] data, bool zlib)
    {
        var output = new MemoryStream();
        using (Stream z = zlib ? new ZLibStream(output, CompressionLevel.Fastest, true) : new DeflateStream(output, CompressionLevel.Fastest, true))
            z.Write(data);
        return output.ToArray();
    }
}

using MemFs.Aff4;
using MemFs.Aff4.Hashing;
using MemFs.Aff4.Rdf;
using MemFs.Aff4.Streams;
using MemFs.Mount.Cli.Json;

namespace MemFs.Mount.Cli;

/// <summary>The facts of <c>memfs aff4 info</c> as <see cref="Aff4InfoJson"/>, the same the text prints (<see cref="Aff4InfoReport"/>).</summary>
internal static class Aff4InfoJsonBuilder
{
    public static Aff4InfoJson Build(Aff4Image image) => new(
        image.Volumes.Volumes.Select(v => new Aff4VolumeJson(v.Zip.FilePath, v.Urn, v.Dialect, v.Version?.Tool, v.Zip.FileLength, v.Zip.Members.Count)).ToList(),
        Objects(image), Memory(image), image.Warnings.ToList());

    private static List<Aff4ObjectJson> Objects(Aff4Image image)
    {
        var hashes = new Aff4Verifier(image).StatedHashes().ToLookup(h => h.Subject);
        var objects = new List<Aff4ObjectJson>();
        foreach (var urn in image.Graph.Subjects)
        {
            var types = image.Graph.TypesOf(urn);
            if (types.Count == 0 || image.Graph.IsA(urn, Aff4Vocabulary.ZipVolume)) continue;
            var caseMetadata = Aff4InfoReport.IsCaseMetadata(types);
            objects.Add(new Aff4ObjectJson(urn, types.Select(Aff4InfoReport.Compact).ToList(),
                image.Graph.First(urn, Aff4Vocabulary.Category) is { } category ? Aff4InfoReport.Compact(category.Value) : null,
                image.Graph.GetString(urn, Aff4Vocabulary.OriginalFileName), image.Graph.First(urn, Aff4Vocabulary.DataStream)?.Value,
                caseMetadata || image.Graph.IsA(urn, Aff4Vocabulary.BlockHashes) ? null : Stream(image, urn),
                caseMetadata ? Aff4InfoReport.CaseMetadata(image, urn).GroupBy(m => m.Name).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(m => m.Value))) : [],
                hashes[urn].Select(h => new Aff4HashJson(h.Property.Name, h.Algorithm, h.Value)).ToList()));
        }
        return objects;
    }

    private static Aff4StreamJson Stream(Aff4Image image, string urn)
    {
        try
        {
            switch (image.OpenStream(urn))
            {
                case ImageStream s:
                    var stats = s.DescribeChunks();
                    return new Aff4StreamJson("image", s.Length, stats.Chunks, s.ChunkSize, stats.Bevies, stats.StoredRaw, stats.Compressed, stats.Missing,
                        s.Layout.Compression?.ToString(), null, null, null, null);
                case MapStream m:
                    return new Aff4StreamJson("map", m.Length, null, null, null, null, null, null, null, m.Entries.Count, m.DataRuns().Count,
                        m.Targets.Select(t => Aff4InfoReport.Compact(t.Urn)).ToList(), null);
                case var other:
                    return new Aff4StreamJson("other", other.Length == long.MaxValue ? null : other.Length, null, null, null, null, null, null, null, null, null, null, null);
            }
        }
        catch (IOException e)
        {
            return new Aff4StreamJson("unreadable", null, null, null, null, null, null, null, null, null, null, null, e.Message);
        }
    }

    private static Aff4MemoryJson? Memory(Aff4Image image)
    {
        if (image.Locator.FindPhysicalMemory() is not { } physical) return null;
        long? addressSpace = null;
        List<RangeJson> runs = [], missing = [];
        string? error = null;
        try
        {
            var stream = image.OpenStream(physical.Urn);
            addressSpace = stream.Length;
            if (stream is MapStream map)
            {
                runs = map.DataRuns().Select(r => RangeJson.Of(r.Start, r.Start + r.Length)).ToList();
                missing = map.Entries.Where(e => SymbolicStreams.MarksMissingData(map.Targets[e.TargetId].Urn))
                    .Select(e => RangeJson.Of(e.MappedOffset, e.End, Aff4InfoReport.Compact(map.Targets[e.TargetId].Urn))).ToList();
            }
        }
        catch (IOException e)
        {
            error = e.Message;
        }
        var pmem = image.Locator.ReadPmemInformation(physical.Urn);
        var info = pmem?.Information;
        return new Aff4MemoryJson(physical.Urn, physical.FoundBy, addressSpace, runs, missing, error, pmem?.Urn, info?.Imager, Hex.Of(info?.Cr3),
            Hex.Of(info?.KernelBase), info?.NtBuildNumber is { } build ? Aff4InfoReport.NtBuildNumberText(build) : null,
            info?.Runs.Select(r => RangeJson.Of((long)r.Start, (long)(r.Start + r.Length))).ToList() ?? [],
            image.Locator.ReadPhysicalMemoryMap(physical.Urn).Select(r => RangeJson.Of((long)r.Offset, (long)(r.Offset + r.Size), r.Description)).ToList(),
            image.Locator.FindPagefiles().Select(p => new Aff4AuxiliaryJson(p.Urn, p.WindowsPath, p.Number, SizeOf(image, p.Urn), p.FoundBy)).ToList(),
            image.Locator.AcquiredFiles().Select(f => new Aff4AuxiliaryJson(f.Urn, f.WindowsPath, null, SizeOf(image, f.Urn), f.PathSource)).ToList());
    }

    private static long? SizeOf(Aff4Image image, string urn)
    {
        try
        {
            return image.OpenStream(urn).Length;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

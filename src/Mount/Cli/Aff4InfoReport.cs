using MemFs.Aff4;
using MemFs.Aff4.Codecs;
using MemFs.Aff4.Hashing;
using MemFs.Aff4.Rdf;
using MemFs.Aff4.Streams;

namespace MemFs.Mount.Cli;

/// <summary>Renders the text of <c>memfs aff4 info</c>.</summary>
internal sealed class Aff4InfoReport(Aff4Image image, TextWriter output)
{
    public void Write()
    {
        WriteVolumes();
        WriteObjects();
        WriteMemory();
        var warnings = image.Warnings;
        if (warnings.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Warnings:");
        foreach (var w in warnings) output.WriteLine($"  {w}");
    }

    private void WriteVolumes()
    {
        foreach (var v in image.Volumes.Volumes)
        {
            output.WriteLine($"Volume {v.Zip.FilePath}");
            Field("URN", v.Urn);
            Field("dialect", v.Dialect + (v.Version?.Tool is { } tool ? $", written by {tool}" : ""));
            Field("file size", $"{v.Zip.FileLength:N0} bytes, {v.Zip.Members.Count} Zip members");
            output.WriteLine();
        }
    }

    private void WriteObjects()
    {
        var hashes = new Aff4Verifier(image).StatedHashes().ToLookup(h => h.Subject);
        foreach (var urn in image.Graph.Subjects)
        {
            var types = image.Graph.TypesOf(urn);
            if (types.Count == 0 || image.Graph.IsA(urn, Aff4Vocabulary.ZipVolume)) continue;
            output.WriteLine($"Object {urn}");
            Field("types", string.Join(", ", types.Select(Compact)));
            if (image.Graph.First(urn, Aff4Vocabulary.Category) is { } category) Field("category", Compact(category.Value));
            if (image.Graph.GetString(urn, Aff4Vocabulary.OriginalFileName) is { } original) Field("original file", original);
            if (image.Graph.First(urn, Aff4Vocabulary.DataStream) is { } data) Field("data stream", data.Value);
            if (IsCaseMetadata(types)) WriteCaseMetadata(urn);
            else if (!image.Graph.IsA(urn, Aff4Vocabulary.BlockHashes)) WriteStream(urn);
            foreach (var (_, property, algorithm, value) in hashes[urn])
                Field(property == Aff4Vocabulary.Hash ? $"hash {algorithm}" : $"{property.Name} {algorithm}", value);
            output.WriteLine();
        }
    }

    /// <summary>
    /// Case metadata objects of the AFF4 Standard vocabulary (aff4:CaseDetails, aff4:CaseNotes, aff4:TimeStamps, as
    /// Evimetry writes them) describe an image; they hold no bytes, so their statements are summarised instead of opened.
    /// </summary>
    private static readonly string[] CaseMetadataTypes = ["CaseDetails", "CaseNotes", "TimeStamps"];

    internal static bool IsCaseMetadata(IReadOnlyList<string> types) =>
        types.Count > 0 && types.All(t => CaseMetadataTypes.Any(c => t == Aff4Namespaces.Standard + c));

    private void WriteCaseMetadata(string urn)
    {
        foreach (var (name, value) in CaseMetadata(image, urn)) Field(name, value);
    }

    /// <summary>A case metadata object's aff4: statements by name (aff4:target as "describes"), objects compacted.</summary>
    internal static IEnumerable<(string Name, string Value)> CaseMetadata(Aff4Image image, string urn)
    {
        foreach (var triple in image.Graph.Triples.Where(t => RdfGraph.SubjectKey(t.Subject) == urn))
        {
            var predicate = triple.Predicate.Value;
            if (!predicate.StartsWith(Aff4Namespaces.Standard, StringComparison.Ordinal)) continue;
            var name = predicate[Aff4Namespaces.Standard.Length..];
            if (name is "stored") continue;
            yield return (name == "target" ? "describes" : name, triple.Object.IsLiteral ? triple.Object.Value : Compact(triple.Object.Value));
        }
    }

    private void WriteStream(string urn)
    {
        try
        {
            switch (image.OpenStream(urn))
            {
                case ImageStream s:
                    var stats = s.DescribeChunks();
                    Field("size", $"{s.Length:N0} bytes");
                    Field("chunks", $"{stats.Chunks:N0} of {s.ChunkSize:N0} bytes in {stats.Bevies:N0} bevies of {s.Layout.ChunksInSegment:N0}; " +
                        $"{stats.StoredRaw:N0} stored raw, {stats.Compressed:N0} compressed" + (stats.Missing > 0 ? $", {stats.Missing:N0} MISSING" : ""));
                    Field("compression", s.Layout.Compression?.ToString() ?? "not stated (detected per chunk)");
                    break;
                case MapStream m:
                    Field("size", $"{m.Length:N0} bytes");
                    Field("map entries", $"{m.Entries.Count:N0} ({m.Order} field order), {m.DataRuns().Count:N0} data runs, gaps read from {Compact(m.Gap.Urn)}");
                    Field("targets", string.Join(", ", m.Targets.Select(t => Compact(t.Urn))));
                    break;
                case { } other:
                    Field("size", other.Length == long.MaxValue ? "unbounded (symbolic)" : $"{other.Length:N0} bytes");
                    break;
            }
        }
        catch (IOException e)
        {
            Field("error", e.Message);
        }
    }

    private void WriteMemory()
    {
        var physical = image.Locator.FindPhysicalMemory();
        if (physical is null) return;
        output.WriteLine("Memory");
        Field("physical memory", $"{physical.Value.Urn} (found by {physical.Value.FoundBy})");
        try
        {
            var stream = image.OpenStream(physical.Value.Urn);
            Field("address space", $"{stream.Length:N0} bytes");
            if (stream is MapStream map)
            {
                var runs = map.DataRuns();
                Field("runs", $"{runs.Count} acquired, {runs.Sum(r => r.Length):N0} bytes");
                foreach (var (start, length) in runs) output.WriteLine($"    0x{start:X12} - 0x{start + length:X12}  {length,16:N0} bytes");
                foreach (var e in map.Entries.Where(e => SymbolicStreams.MarksMissingData(map.Targets[e.TargetId].Urn)))
                    output.WriteLine($"    0x{e.MappedOffset:X12} - 0x{e.End:X12}  {Compact(map.Targets[e.TargetId].Urn)}");
            }
        }
        catch (IOException e)
        {
            Field("error", e.Message);
        }
        if (image.Locator.ReadPmemInformation(physical.Value.Urn) is var (info, infoUrn))
        {
            Field("metadata", infoUrn);
            if (info.Imager is not null) Field("imager", info.Imager);
            if (info.Cr3 is not null) Field("CR3 (DTB)", $"0x{info.Cr3:X}");
            if (info.KernelBase is not null) Field("kernel base", $"0x{info.KernelBase:X}");
            if (info.NtBuildNumber is { } ntBuild) Field("NtBuildNumber", NtBuildNumberText(ntBuild));
            if (info.Runs.Count > 0) Field("runs (imager)", string.Join(", ", info.Runs.Select(r => $"0x{r.Start:X}+0x{r.Length:X}")));
        }
        foreach (var r in image.Locator.ReadPhysicalMemoryMap(physical.Value.Urn))
            Field("memory range", $"0x{r.Offset:X} + 0x{r.Size:X} {r.Description}");
        foreach (var p in image.Locator.FindPagefiles())
            Field(p.Number is { } n ? $"pagefile {n}" : "pagefile ?", $"{p.Urn} {p.WindowsPath} ({SizeOf(p.Urn)}, found by {p.FoundBy})");
        foreach (var f in image.Locator.AcquiredFiles())
            Field("file", $"{f.WindowsPath} ({SizeOf(f.Urn)}) {f.Urn}");
        output.WriteLine();
    }

    /// <summary>
    /// NtBuildNumber keeps the build in its low 16 bits and the build flavour in its top nibble: 0xF for a free
    /// (retail) build, 0xC for a checked one (as the kernel's NtBuildNumber and the crash dump header state it).
    /// </summary>
    internal static string NtBuildNumberText(ulong value)
    {
        if (value <= 0xFFFF) return $"{value}";
        var flavour = (value >> 28) switch { 0xF => "free build", 0xC => "checked build", _ => "flags" };
        return $"{value & 0xFFFF} (0x{value:X}: {flavour} 0x{value & 0xF0000000:X8})";
    }

    private string SizeOf(string urn)
    {
        try
        {
            return $"{image.OpenStream(urn).Length:N0} bytes";
        }
        catch (IOException e)
        {
            return $"unreadable: {e.Message}";
        }
    }

    private void Field(string name, string value) => output.WriteLine($"  {name + ":",-18} {value}");

    internal static string Compact(string iri)
    {
        if (CompressionMethodIris.TryParse(iri, out var method)) return $"{method} <{iri}>";
        return iri.StartsWith(Aff4Namespaces.Memory, StringComparison.Ordinal) ? "memory:" + iri[Aff4Namespaces.Memory.Length..]
            : iri.StartsWith(Aff4Namespaces.Standard, StringComparison.Ordinal) ? "aff4:" + iri[Aff4Namespaces.Standard.Length..]
            : iri.StartsWith(Aff4Namespaces.Afflib, StringComparison.Ordinal) ? "afflib:" + iri[Aff4Namespaces.Afflib.Length..]
            : iri;
    }
}

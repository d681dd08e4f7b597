using MemFs.Aff4.Metadata;
using MemFs.Aff4.Rdf;
using MemFs.Aff4.Volumes;

namespace MemFs.Aff4.Discovery;

/// <summary>
/// Finds what a memory analyst needs in a set of volumes: the physical memory object,
/// its pmem metadata, the pagefiles and every acquired file by Windows path. The physical memory rule
/// (category first) runs before any generic "first aff4:Image" logic, which misreads WinPmem 3.x volumes.
/// </summary>
public sealed class MemoryImageLocator(VolumeSet volumes)
{
    private const string PhysicalMemorySuffix = "/PhysicalMemory";
    private readonly RdfGraph _graph = volumes.Graph;

    /// <summary>The URN of the physical memory object and the rule that found it, or null for a non-memory image.</summary>
    public (string Urn, string FoundBy)? FindPhysicalMemory()
    {
        var byCategory = _graph.SubjectsWith(Aff4Vocabulary.Category, Aff4Vocabulary.MemoryPhysical);
        if (byCategory.Count > 0)
            return (byCategory.FirstOrDefault(u => u.EndsWith(PhysicalMemorySuffix, StringComparison.Ordinal)) ?? byCategory[0], "aff4:category memory:physical");
        var memoryImages = _graph.SubjectsOfType(Aff4Vocabulary.MemoryImage);
        if (memoryImages.Count > 0) return (memoryImages[0], "aff4:MemoryImage");
        foreach (var v in volumes.Volumes)
            if (v.Members.Find(v.Urn + PhysicalMemorySuffix, out _) is not null) return (v.Urn + PhysicalMemorySuffix, "segment named PhysicalMemory");
        return null;
    }

    /// <summary>The primary image of a non-memory volume: the first aff4:Image with a dataStream, else the only stream.</summary>
    public string? FindPrimaryImage()
    {
        foreach (var image in _graph.SubjectsOfType(Aff4Vocabulary.Image))
            if (_graph.First(image, Aff4Vocabulary.DataStream) is not null) return image;
        var maps = _graph.SubjectsOfType(Aff4Vocabulary.Map);
        if (maps.Count > 0) return maps[0];
        var streams = _graph.SubjectsOfType(Aff4Vocabulary.ImageStream);
        return streams.Count == 1 ? streams[0] : null;
    }

    /// <summary>
    /// The pmem metadata (CR3, kernel base, runs) stored next to the physical memory object as
    /// <c>&lt;object&gt;/information.yaml</c>, also looked for next to the Map an Image points to.
    /// </summary>
    public (PmemInformation Information, string Urn)? ReadPmemInformation(string physicalMemoryUrn)
    {
        var candidates = new List<string> { physicalMemoryUrn };
        if (_graph.First(physicalMemoryUrn, Aff4Vocabulary.DataStream) is { Kind: RdfTermKind.Iri } data) candidates.Add(data.Value);
        foreach (var c in candidates)
        {
            var segment = volumes.FindSegment(c + "/information.yaml");
            if (segment is null) continue;
            try
            {
                return (PmemInformation.Parse(segment.ReadAllText(1 << 20)), segment.Urn);
            }
            catch (FormatException e)
            {
                throw new Aff4Exception($"information.yaml cannot be parsed: {e.Message}", segment.Volume.FilePath, segment.Member.Name, null, e);
            }
        }
        return null;
    }

    /// <summary>Evimetry's aff4:PhysicalMemoryMap objects of a MemoryImage, sorted by offset.</summary>
    public IReadOnlyList<PhysicalMemoryRange> ReadPhysicalMemoryMap(string imageUrn)
    {
        var ranges = new List<PhysicalMemoryRange>();
        foreach (var node in _graph.Objects(imageUrn, Aff4Vocabulary.MemoryAddressMap))
        {
            var id = node.Value;
            if (!_graph.TryGetInt64(id, Aff4Vocabulary.MemoryOffset, out var offset) || !_graph.TryGetInt64(id, Aff4Vocabulary.MemorySize, out var size)) continue;
            ranges.Add(new PhysicalMemoryRange((ulong)offset, (ulong)size, _graph.GetString(id, Aff4Vocabulary.MemoryDescription)));
        }
        return ranges.OrderBy(r => r.Offset).ToArray();
    }

    /// <summary>Pagefiles: by memory:pagefile category and number, else files named pagefile.sys/swapfile.sys.</summary>
    public IReadOnlyList<Pagefile> FindPagefiles()
    {
        var found = new List<Pagefile>();
        foreach (var urn in _graph.SubjectsWith(Aff4Vocabulary.Category, Aff4Vocabulary.MemoryPagefile))
        {
            int? number = _graph.TryGetInt64(urn, Aff4Vocabulary.PagefileNumber, out var n) && n is >= 0 and <= 15 ? (int)n : null;
            found.Add(new Pagefile(urn, number, WindowsPathOf(urn), "aff4:category memory:pagefile"));
        }
        foreach (var file in AcquiredFiles())
        {
            if (found.Any(p => p.Urn == file.Urn)) continue;
            var name = WindowsPath.Normalise(file.WindowsPath);
            if (name.EndsWith(@"\pagefile.sys", StringComparison.Ordinal) || name.EndsWith(@"\swapfile.sys", StringComparison.Ordinal))
                found.Add(new Pagefile(file.Urn, null, file.WindowsPath, "file name"));
        }
        return found.OrderBy(p => p.Number ?? int.MaxValue).ToArray();
    }

    /// <summary>Every acquired file with a Windows path: from aff4:originalFileName/original_filename, else from its URN.</summary>
    public IReadOnlyList<AcquiredFile> AcquiredFiles()
    {
        var files = new Dictionary<string, AcquiredFile>(StringComparer.Ordinal);
        foreach (var urn in _graph.Subjects)
        {
            var original = _graph.GetString(urn, Aff4Vocabulary.OriginalFileName);
            if (original is not null) files[urn] = new AcquiredFile(urn, original, "original filename");
        }
        foreach (var v in volumes.Volumes)
        {
            foreach (var urn in _graph.Subjects.Concat(v.Members.Urns))
            {
                if (files.ContainsKey(urn) || !urn.StartsWith(v.Urn + "/", StringComparison.Ordinal)) continue;
                if (IsPartOfAStream(urn)) continue;
                var path = WindowsPath.FromUrnPath(urn[(v.Urn.Length + 1)..]);
                if (path is not null) files[urn] = new AcquiredFile(urn, path, "URN");
            }
        }
        return files.Values.OrderBy(f => f.WindowsPath, StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>
    /// The URN holding the file at <paramref name="windowsPath"/>: exact (case-insensitive), then with
    /// SysNative and System32 swapped, since 32-bit WinPmem reads native files through SysNative.
    /// </summary>
    public AcquiredFile? FindFile(string windowsPath)
    {
        var byPath = new Dictionary<string, AcquiredFile>(StringComparer.Ordinal);
        foreach (var f in AcquiredFiles()) byPath.TryAdd(WindowsPath.Normalise(f.WindowsPath), f);
        var key = WindowsPath.Normalise(windowsPath);
        if (byPath.TryGetValue(key, out var hit)) return hit;
        var alternative = WindowsPath.SysNativeAlternative(key);
        return alternative is not null && byPath.TryGetValue(alternative, out hit) ? hit : null;
    }

    /// <summary>
    /// The streams and stored members whose own name is <paramref name="name"/> (case-insensitive): the last segment
    /// of the URN, or the last component of aff4:originalFileName. Legacy Rekall volumes store tools and files under
    /// relative names (<c>fcat.exe</c>) that are no Windows path.
    /// </summary>
    public IReadOnlyList<string> FindByName(string name)
    {
        var wanted = LastComponent(name);
        var found = new List<string>();
        foreach (var v in volumes.Volumes)
        {
            foreach (var urn in _graph.Subjects.Concat(v.Members.Urns).Distinct(StringComparer.Ordinal))
            {
                if (!urn.StartsWith(v.Urn + "/", StringComparison.Ordinal) || IsPartOfAStream(urn) || found.Contains(urn)) continue;
                var original = _graph.GetString(urn, Aff4Vocabulary.OriginalFileName);
                if (string.Equals(LastComponent(Uri.UnescapeDataString(urn)), wanted, StringComparison.OrdinalIgnoreCase)
                    || (original is not null && string.Equals(LastComponent(original), wanted, StringComparison.OrdinalIgnoreCase)))
                    found.Add(urn);
            }
        }
        return found;
    }

    private static string LastComponent(string path)
    {
        var trimmed = path.TrimEnd('/', '\\');
        return trimmed[(trimmed.LastIndexOfAny(['/', '\\']) + 1)..];
    }

    private string? WindowsPathOf(string urn)
    {
        var original = _graph.GetString(urn, Aff4Vocabulary.OriginalFileName);
        if (original is not null) return original;
        var volume = volumes.Volumes.FirstOrDefault(v => urn.StartsWith(v.Urn + "/", StringComparison.Ordinal));
        return volume is null ? null : WindowsPath.FromUrnPath(urn[(volume.Urn.Length + 1)..]);
    }

    /// <summary>Bevies, indexes and map segments are members of a stream, not files of their own.</summary>
    private bool IsPartOfAStream(string urn)
    {
        var slash = urn.LastIndexOf('/');
        while (slash > 0)
        {
            var parent = urn[..slash];
            if (_graph.IsA(parent, Aff4Vocabulary.ImageStream) || _graph.IsA(parent, Aff4Vocabulary.Map)) return true;
            slash = parent.LastIndexOf('/');
        }
        return false;
    }
}

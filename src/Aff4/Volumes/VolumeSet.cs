using MemFs.Aff4.Container;
using MemFs.Aff4.Metadata;
using MemFs.Aff4.Rdf;

namespace MemFs.Aff4.Volumes;

/// <summary>
/// Several AFF4 volumes opened together: their RDF graphs merged and their segments looked up across
/// all of them, so an image striped or split over volumes resolves wherever its bytes are stored.
/// </summary>
public sealed class VolumeSet : IDisposable
{
    private const long MaxMetadataBytes = 64L * 1024 * 1024;

    private readonly List<OpenedVolume> _volumes = [];
    private readonly List<string> _warnings = [];

    private VolumeSet() { }

    public RdfGraph Graph { get; } = new();
    public IReadOnlyList<OpenedVolume> Volumes => _volumes;
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The volume files, comma-separated: where an error about an object of the set tells the analyst to look.</summary>
    public string FilePaths => string.Join(", ", _volumes.Select(v => v.Zip.FilePath));

    public static VolumeSet Open(IEnumerable<string> paths)
    {
        var set = new VolumeSet();
        try
        {
            foreach (var path in paths) set.Add(path);
            if (set._volumes.Count == 0) throw new ArgumentException("no AFF4 volume given");
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    private void Add(string path)
    {
        var zip = ZipVolume.Open(path);
        try
        {
            var turtleMember = zip.FindMember("information.turtle");
            var turtle = turtleMember is null ? null : zip.ReadAllText(turtleMember, MaxMetadataBytes);
            var versionMember = zip.FindMember("version.txt");
            var version = versionMember is null ? null : VersionTxt.Parse(zip.ReadAllText(versionMember, 1 << 16));

            IReadOnlyList<Triple> triples = [];
            if (turtle is not null)
            {
                try
                {
                    triples = TurtleParser.Parse(turtle, $"{path}:information.turtle");
                }
                catch (FormatException e)
                {
                    throw new Aff4Exception($"information.turtle cannot be parsed: {e.Message}", path, "information.turtle", null, e);
                }
            }
            else
            {
                _warnings.Add($"{path}: no information.turtle member; only raw segments are readable");
            }

            var urn = ResolveVolumeUrn(zip, triples) ?? throw new Aff4Exception(
                "the volume has no URN (no Zip comment, container.description or aff4:ZipVolume subject)", path);
            foreach (var w in zip.Warnings) _warnings.Add($"{path}: {w}");
            Graph.Add(triples);
            _volumes.Add(new OpenedVolume(zip, urn, new MemberIndex(zip, urn), version, turtle));
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static string? ResolveVolumeUrn(ZipVolume zip, IReadOnlyList<Triple> triples)
    {
        if (zip.DescribedVolumeUrn is { Length: > 0 } described) return described;
        var volumeGraph = new RdfGraph();
        volumeGraph.Add(triples);
        return volumeGraph.SubjectsOfType(Aff4Vocabulary.ZipVolume).FirstOrDefault();
    }

    /// <summary>
    /// The segment stored under <paramref name="urn"/> in any volume: exact names first in every volume,
    /// then the normalised fuzzy match (reported as a warning, since it means a writer escaped oddly).
    /// </summary>
    public Segment? FindSegment(string urn)
    {
        foreach (var v in _volumes)
        {
            var m = v.Members.Find(urn, out var fuzzy);
            if (m is not null && !fuzzy) return new Segment(v.Zip, m, urn);
        }
        foreach (var v in _volumes)
        {
            var m = v.Members.Find(urn, out var fuzzy);
            if (m is not null && fuzzy)
            {
                lock (_warnings) _warnings.Add($"{v.Zip.FilePath}: '{urn}' found only by a normalised name match ('{m.Name}')");
                return new Segment(v.Zip, m, urn);
            }
        }
        return null;
    }

    public void Dispose()
    {
        foreach (var v in _volumes) v.Zip.Dispose();
        _volumes.Clear();
    }
}

/// <summary>One volume of a <see cref="VolumeSet"/>, with what was read from it at open time.</summary>
public sealed record OpenedVolume(ZipVolume Zip, string Urn, MemberIndex Members, VersionTxt? Version, string? Turtle)
{
    /// <summary>AFF4 producer family as pyaff4's Container.identify decides it: version.txt present ⇒ standard, else by namespace.</summary>
    public string Dialect => Version is not null ? $"AFF4 Standard {Version.Major}.{Version.Minor}"
        : Turtle?.Contains("http://afflib.org/2009/aff4#", StringComparison.Ordinal) == true ? "Evimetry pre-standard (afflib namespace)"
        : "legacy Rekall/WinPmem 2.x (no version.txt)";
}

using MemFs.Aff4.Streams;

namespace MemFs.Translate.Physical.Aff4;

/// <summary>
/// Physical memory held in an AFF4 Map (WinPmem, Rekall, Evimetry). Entries that point at stored data or
/// an explicit fill (Evimetry maps zero pages to aff4:Zero) are backed; map gaps are holes (device memory,
/// ranges the imager skipped); UnreadableData/UnknownData entries are holes too, reported with why:
/// their marker bytes were written by the imager and are not memory contents.
/// </summary>
public sealed class Aff4PhysicalMemory : IPhysicalMemory
{
    private readonly MapStream _map;
    private readonly PhysicalRun[] _runs;
    private readonly long[] _starts;

    public Aff4PhysicalMemory(MapStream map, string format)
    {
        _map = map;
        Format = format;
        var backed = new List<MappedRun>();
        foreach (var e in map.Entries)
        {
            if (SymbolicStreams.MarksMissingData(map.Targets[e.TargetId].Urn)) continue;
            var end = Math.Min(e.End, map.Length);
            if (end > e.MappedOffset) backed.Add(new MappedRun(e.MappedOffset, end - e.MappedOffset, e.TargetOffset));
        }
        _runs = RunTable.Merge(backed).ToArray();
        _starts = Array.ConvertAll(_runs, r => r.Start);
    }

    public string Format { get; }
    public IReadOnlyList<PhysicalRun> Runs => _runs;
    public MapStream Map => _map;

    /// <summary>Ranges the imager marked unreadable or unknown, with the marker's name.</summary>
    public IEnumerable<(PhysicalRun Range, string Marker)> MarkedMissing() =>
        _map.Entries.Where(e => SymbolicStreams.MarksMissingData(_map.Targets[e.TargetId].Urn))
            .Select(e => (new PhysicalRun(e.MappedOffset, e.Length), _map.Targets[e.TargetId].Urn[(_map.Targets[e.TargetId].Urn.LastIndexOf('#') + 1)..]));

    public void Read(long address, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var pos = address + done;
            var i = Array.BinarySearch(_starts, pos);
            if (i < 0) i = ~i - 1;
            if (i < 0 || pos >= _runs[i].End) throw new PhysicalHoleException(pos, _map.Urn, WhyMissing(pos));
            var n = (int)Math.Min(destination.Length - done, _runs[i].End - pos);
            var got = _map.Read(pos, destination.Slice(done, n));
            if (got != n) throw new ImageFormatException(_map.Urn, pos, "the map ended early");
            done += n;
        }
    }

    private string WhyMissing(long address) =>
        _map.EntryAt(address) is { } e && SymbolicStreams.MarksMissingData(_map.Targets[e.TargetId].Urn)
            ? $"the imager recorded it as {_map.Targets[e.TargetId].Urn[(_map.Targets[e.TargetId].Urn.LastIndexOf('#') + 1)..]}"
            : "not acquired: no map entry";
}

using System.Buffers.Binary;
using MemFs.Aff4.Volumes;

namespace MemFs.Aff4.Streams;

/// <summary>
/// Reads a Map's <c>map</c> and <c>idx</c> segments, decides the entry field order (declared by the
/// dialect, then validated; the other order is used only if it alone is consistent, with a warning),
/// and normalises the entries: sorted, empty ones dropped, overlaps resolved in favour of the later entry.
/// </summary>
internal static class MapLoader
{
    public const int EntrySize = 28;
    private const long MaxMapSegmentBytes = 512L * 1024 * 1024;
    private const long MaxIdxSegmentBytes = 64L * 1024 * 1024;

    public static MapStream Load(string urn, MapEntryOrder declaredOrder, IReadOnlyList<long> statedSizes, string gapUrn,
        VolumeSet volumes, Func<string, IAff4Stream> openTarget)
    {
        var warnings = new List<string>();
        var mapSegment = volumes.FindSegment(urn + "/map")
            ?? throw new Aff4Exception("the map has no 'map' segment in any opened volume", volumes.FilePaths, urn + "/map");
        var idxSegment = volumes.FindSegment(urn + "/idx")
            ?? throw new Aff4Exception("the map has no 'idx' segment in any opened volume", volumes.FilePaths, urn + "/idx");

        var raw = mapSegment.ReadAll(MaxMapSegmentBytes);
        if (raw.Length % EntrySize != 0)
            warnings.Add($"{mapSegment}: {raw.Length} bytes is not a whole number of {EntrySize}-byte entries; the last {raw.Length % EntrySize} bytes are ignored");
        var targetUrns = ParseIdx(idxSegment.ReadAllText(MaxIdxSegmentBytes));
        var targets = targetUrns.Select(t => OpenTarget(t, openTarget, volumes, warnings)).ToArray();

        var order = ChooseOrder(raw, declaredOrder, targets, mapSegment, warnings);
        var entries = Decode(raw, order, targets.Length, mapSegment);
        var normalised = Normalise(entries, out var overlaps);
        if (overlaps > 0)
            warnings.Add($"{mapSegment}: {overlaps} overlapping entries; later entries win over the overlapped parts");

        var end = normalised.Length == 0 ? 0 : normalised.Max(e => e.End);
        var size = ChooseSize(statedSizes, end);
        if (statedSizes.Count > 1)
            warnings.Add($"'{urn}': aff4:size is stated as {string.Join(" and ", statedSizes.Select(s => $"0x{s:X}"))}; using 0x{size:X} " +
                (size >= end ? "(the smallest that holds every mapped byte: a larger claim adds only unmapped holes)" : "(the largest)"));
        if (statedSizes.Count > 0 && end > size)
            warnings.Add($"{mapSegment}: entries reach 0x{end:X}, past the declared size 0x{size:X}; bytes past the size are not exposed");
        var gap = SymbolicStreams.TryOpen(gapUrn) ?? openTarget(gapUrn);
        return new MapStream(urn, size, normalised, targets, gap, order, warnings);
    }

    /// <summary>
    /// The map's length: the entries' end when no size is stated; of several stated sizes (a split image's volumes
    /// state the growing size, a damaged one contradicts itself) the smallest that still holds every mapped byte, else the largest.
    /// </summary>
    public static long ChooseSize(IReadOnlyList<long> statedSizes, long end)
    {
        if (statedSizes.Count == 0) return end;
        var holding = statedSizes.Where(s => s >= end).ToArray();
        return holding.Length > 0 ? holding.Min() : statedSizes.Max();
    }

    /// <summary>Target URNs, one per line; only trailing empty lines are dropped (a middle one would shift ids).</summary>
    public static IReadOnlyList<string> ParseIdx(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static IAff4Stream OpenTarget(string urn, Func<string, IAff4Stream> open, VolumeSet volumes, List<string> warnings)
    {
        try
        {
            return open(urn);
        }
        catch (Aff4CycleException)
        {
            throw;
        }
        catch (Aff4Exception e)
        {
            warnings.Add($"map target '{urn}' is unavailable: {e.Message}");
            return new UnavailableStream(urn, e.Problem, e.FilePath ?? volumes.FilePaths);
        }
    }

    private static MapEntryOrder ChooseOrder(byte[] raw, MapEntryOrder declared, IAff4Stream[] targets, Segment segment, List<string> warnings)
    {
        var other = declared == MapEntryOrder.Standard ? MapEntryOrder.LegacySwapped : MapEntryOrder.Standard;
        var declaredProblem = FirstInconsistency(raw, declared, targets);
        if (declaredProblem is null) return declared;
        var otherProblem = FirstInconsistency(raw, other, targets);
        if (otherProblem is null)
        {
            warnings.Add($"{segment}: entries are inconsistent in the {declared} field order ({declaredProblem}) but consistent in the {other} order, which is used");
            return other;
        }
        warnings.Add($"{segment}: entries are inconsistent in both field orders; using the declared {declared} order ({declaredProblem})");
        return declared;
    }

    private static string? FirstInconsistency(byte[] raw, MapEntryOrder order, IAff4Stream[] targets)
    {
        var entries = new List<MapEntry>();
        for (var i = 0; i < raw.Length / EntrySize; i++)
        {
            if (!TryDecodeEntry(raw.AsSpan(i * EntrySize, EntrySize), order, out var e)) return $"entry {i} has offsets beyond 2^63";
            // No writer emits empty entries, but reading a map in the wrong field order almost always makes
            // one (the first run's target offset, 0, read as its length): a decisive sign of the wrong order.
            if (e.Length == 0) return $"entry {i} has length 0";
            if (e.TargetId < 0 || e.TargetId >= targets.Length) return $"entry {i} names target {e.TargetId}, the idx lists {targets.Length}";
            var target = targets[e.TargetId];
            if (target is not UnavailableStream && !SymbolicStreams.IsSymbolic(target.Urn) && e.TargetOffset + e.Length > target.Length)
                return $"entry {i} reads 0x{e.TargetOffset:X}+0x{e.Length:X} from a 0x{target.Length:X}-byte target";
            entries.Add(e);
        }
        entries.Sort((a, b) => a.MappedOffset.CompareTo(b.MappedOffset));
        for (var i = 1; i < entries.Count; i++)
            if (entries[i - 1].End > entries[i].MappedOffset) return $"entries at 0x{entries[i - 1].MappedOffset:X} and 0x{entries[i].MappedOffset:X} overlap";
        return null;
    }

    private static List<MapEntry> Decode(byte[] raw, MapEntryOrder order, int targetCount, Segment segment)
    {
        var entries = new List<MapEntry>(raw.Length / EntrySize);
        for (var i = 0; i < raw.Length / EntrySize; i++)
        {
            if (!TryDecodeEntry(raw.AsSpan(i * EntrySize, EntrySize), order, out var e))
                throw new Aff4Exception($"map entry {i} has an offset or length beyond 2^63", segment.Volume.FilePath, segment.Member.Name, (long)i * EntrySize);
            if (e.Length == 0) continue;
            if (e.TargetId < 0 || e.TargetId >= targetCount)
                throw new Aff4Exception($"map entry {i} names target {e.TargetId} but the idx segment lists {targetCount}", segment.Volume.FilePath, segment.Member.Name, (long)i * EntrySize);
            entries.Add(e);
        }
        return entries;
    }

    private static bool TryDecodeEntry(ReadOnlySpan<byte> bytes, MapEntryOrder order, out MapEntry entry)
    {
        var mapped = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var second = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        var third = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        var targetId = BinaryPrimitives.ReadUInt32LittleEndian(bytes[24..]);
        var (length, targetOffset) = order == MapEntryOrder.Standard ? (second, third) : (third, second);
        entry = new MapEntry((long)mapped, (long)length, (long)targetOffset, targetId > int.MaxValue ? -1 : (int)targetId);
        const ulong max = long.MaxValue;
        return mapped <= max && length <= max && targetOffset <= max && mapped + length <= max && targetOffset + length <= max;
    }

    private static MapEntry[] Normalise(List<MapEntry> inFileOrder, out int overlaps)
    {
        overlaps = 0;
        var sorted = inFileOrder.Select((e, i) => (e, i)).OrderBy(x => x.e.MappedOffset).ThenBy(x => x.i).Select(x => x.e).ToArray();
        var overlapping = false;
        for (var i = 1; i < sorted.Length && !overlapping; i++) overlapping = sorted[i - 1].End > sorted[i].MappedOffset;
        if (!overlapping) return sorted;

        var painted = new SortedSet<MapEntry>(Comparer<MapEntry>.Create((a, b) => a.MappedOffset.CompareTo(b.MappedOffset)));
        foreach (var e in inFileOrder) overlaps += Paint(painted, e);
        return painted.ToArray();
    }

    /// <summary>Adds <paramref name="e"/> on top of the entries already painted, cutting what it covers.</summary>
    private static int Paint(SortedSet<MapEntry> painted, MapEntry e)
    {
        var covered = 0;
        var before = painted.GetViewBetween(new MapEntry(long.MinValue, 0, 0, 0), new MapEntry(e.MappedOffset - 1, 0, 0, 0)).Max;
        var candidates = painted.GetViewBetween(new MapEntry(e.MappedOffset, 0, 0, 0), new MapEntry(e.End - 1, 0, 0, 0)).ToList();
        if (before.Length > 0 && before.End > e.MappedOffset) candidates.Insert(0, before);
        foreach (var old in candidates)
        {
            covered++;
            painted.Remove(old);
            if (old.MappedOffset < e.MappedOffset)
                painted.Add(old with { Length = e.MappedOffset - old.MappedOffset });
            if (old.End > e.End)
                painted.Add(new MapEntry(e.End, old.End - e.End, old.TargetOffset + (e.End - old.MappedOffset), old.TargetId));
        }
        painted.Add(e);
        return covered;
    }
}

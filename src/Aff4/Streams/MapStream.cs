namespace MemFs.Aff4.Streams;

/// <summary>
/// An AFF4 Map: a sparse address space assembled from ranges of other streams. Bytes covered by no
/// entry come from the gap stream at the map offset itself, as aff4-cpp-lite and pyaff4 read them.
/// </summary>
public sealed class MapStream : IAff4Stream
{
    private readonly MapEntry[] _entries;
    private readonly long[] _starts;

    public MapStream(string urn, long size, MapEntry[] sortedEntries, IReadOnlyList<IAff4Stream> targets, IAff4Stream gap,
        MapEntryOrder order, IReadOnlyList<string> warnings)
    {
        Urn = urn;
        Length = size;
        _entries = sortedEntries;
        _starts = Array.ConvertAll(sortedEntries, e => e.MappedOffset);
        Targets = targets;
        Gap = gap;
        Order = order;
        Warnings = warnings;
    }

    public string Urn { get; }
    public long Length { get; }
    public IReadOnlyList<MapEntry> Entries => _entries;
    public IReadOnlyList<IAff4Stream> Targets { get; }
    public IAff4Stream Gap { get; }
    public MapEntryOrder Order { get; }
    public IReadOnlyList<string> Warnings { get; }

    public int Read(long position, Span<byte> destination)
    {
        if (position < 0) throw new ArgumentOutOfRangeException(nameof(position));
        if (position >= Length) return 0;
        var total = (int)Math.Min(destination.Length, Length - position);
        var i = LastEntryStartingAtOrBefore(position);
        var done = 0;
        while (done < total)
        {
            var pos = position + done;
            while (i + 1 < _entries.Length && _entries[i + 1].MappedOffset <= pos) i++;
            int n;
            if (i >= 0 && pos < _entries[i].End)
            {
                var e = _entries[i];
                n = (int)Math.Min(total - done, e.End - pos);
                var target = Targets[e.TargetId];
                var targetPos = e.TargetOffset + (pos - e.MappedOffset);
                var got = target.Read(targetPos, destination.Slice(done, n));
                if (got != n)
                    throw new Aff4Exception($"map entry at 0x{e.MappedOffset:X} reads past the end of its target '{target.Urn}' ({target.Length} bytes)",
                        member: Urn, offset: pos);
            }
            else
            {
                var next = i + 1 < _entries.Length ? _entries[i + 1].MappedOffset : Length;
                n = (int)Math.Min(total - done, next - pos);
                Gap.Read(pos, destination.Slice(done, n));
            }
            done += n;
        }
        return total;
    }

    /// <summary>The entry covering <paramref name="position"/>, or null in a gap.</summary>
    public MapEntry? EntryAt(long position)
    {
        var i = LastEntryStartingAtOrBefore(position);
        return i >= 0 && position < _entries[i].End ? _entries[i] : null;
    }

    /// <summary>
    /// The ranges whose bytes were acquired: entries whose target is stored data, not a symbolic
    /// stream, with adjacent ranges merged. This is the run list of a memory image.
    /// </summary>
    public IReadOnlyList<(long Start, long Length)> DataRuns()
    {
        var runs = new List<(long Start, long Length)>();
        foreach (var e in _entries)
        {
            if (SymbolicStreams.IsSymbolic(Targets[e.TargetId].Urn)) continue;
            var end = Math.Min(e.End, Length);
            if (end <= e.MappedOffset) continue;
            if (runs.Count > 0 && runs[^1].Start + runs[^1].Length == e.MappedOffset)
                runs[^1] = (runs[^1].Start, end - runs[^1].Start);
            else
                runs.Add((e.MappedOffset, end - e.MappedOffset));
        }
        return runs;
    }

    private int LastEntryStartingAtOrBefore(long position)
    {
        var i = Array.BinarySearch(_starts, position);
        return i >= 0 ? i : ~i - 1;
    }
}

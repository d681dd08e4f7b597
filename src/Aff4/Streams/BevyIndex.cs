using System.Buffers.Binary;
using MemFs.Aff4.Volumes;

namespace MemFs.Aff4.Streams;

/// <summary>
/// The chunk table of one bevy: where each chunk lies inside the bevy's data segment.
/// Entries are checked against the segment when read, so a bad entry fails only its own chunk.
/// </summary>
public sealed class BevyIndex
{
    private readonly long[] _offsets;
    private readonly int[] _lengths;

    private BevyIndex(Segment data, Segment index, BevyIndexLayout layout, long[] offsets, int[] lengths)
    {
        Data = data;
        Index = index;
        Layout = layout;
        _offsets = offsets;
        _lengths = lengths;
    }

    public Segment Data { get; }
    public Segment Index { get; }
    public BevyIndexLayout Layout { get; }
    public int Count => _offsets.Length;

    public (long Offset, int Length) this[int slot] => (_offsets[slot], _lengths[slot]);

    /// <summary>Loads the index of bevy <paramref name="bevy"/> of stream <paramref name="streamUrn"/>.</summary>
    public static BevyIndex? Load(VolumeSet volumes, string streamUrn, long bevy, int maxEntries)
    {
        var bevyName = $"{streamUrn}/{bevy:D8}";
        var data = volumes.FindSegment(bevyName);
        if (data is null) return null;
        var standard = volumes.FindSegment(bevyName + ".index");
        if (standard is not null) return ReadStandard(data, standard, maxEntries);
        var legacy = volumes.FindSegment(bevyName + "/index")
            ?? throw new Aff4Exception("bevy has no index segment (neither .index nor /index)", data.Volume.FilePath, data.Member.Name);
        return ReadLegacy(data, legacy, maxEntries);
    }

    private static BevyIndex ReadStandard(Segment data, Segment index, int maxEntries)
    {
        const int entrySize = 12;
        var count = (int)Math.Min(index.Length / entrySize, maxEntries);
        var raw = new byte[count * entrySize];
        index.ReadExactly(0, raw);
        var offsets = new long[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            var entry = raw.AsSpan(i * entrySize, entrySize);
            offsets[i] = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(entry), long.MaxValue);
            lengths[i] = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]), int.MaxValue);
        }
        return new BevyIndex(data, index, BevyIndexLayout.Standard, offsets, lengths);
    }

    private static BevyIndex ReadLegacy(Segment data, Segment index, int maxEntries)
    {
        // One value past the last slot is kept: with start offsets it is where the last chunk ends.
        var available = (int)Math.Min(index.Length / 4, (long)maxEntries + 1);
        var raw = new byte[available * 4];
        index.ReadExactly(0, raw);
        var values = new long[available];
        for (var i = 0; i < available; i++) values[i] = BinaryPrimitives.ReadUInt32LittleEndian(raw.AsSpan(i * 4));
        var count = Math.Min(available, maxEntries);

        // pyaff4's rule, confirmed on every real file: a first entry of 0 can only be a start offset.
        var layout = count == 0 || values[0] == 0 ? BevyIndexLayout.LegacyStartOffsets : BevyIndexLayout.LegacyEndOffsets;
        var offsets = new long[count];
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
        {
            long start, end;
            if (layout == BevyIndexLayout.LegacyStartOffsets)
            {
                start = values[i];
                end = i + 1 < available ? values[i + 1] : data.Length;
            }
            else
            {
                start = i == 0 ? 0 : values[i - 1];
                end = values[i];
            }
            offsets[i] = start;
            lengths[i] = end < start ? -1 : (int)Math.Min(end - start, int.MaxValue);
        }
        return new BevyIndex(data, index, layout, offsets, lengths);
    }
}

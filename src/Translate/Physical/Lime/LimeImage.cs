using MemFs.Aff4.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Lime;

/// <summary>
/// A LiME image: ranges, each a 32-byte header { u32 magic "EMiL", u32 version 1, u64 s_addr, u64 e_addr
/// (inclusive), 8 reserved bytes } followed by e_addr - s_addr + 1 bytes of memory.
/// </summary>
internal static class LimeImage
{
    public const string FormatName = "LiME";
    public const uint Magic = 0x4C694D45;
    public const uint Version = 1;
    private const string HeaderName = "LiME range header";

    // lime_mem_range_header (LiME's lime.h): u32 magic, u32 version, u64 s_addr, u64 e_addr, u8 reserved[8].
    private const int HeaderSize = 32;
    private const int MagicField = 0;
    private const int VersionField = 4;
    private const int SAddr = 8;
    private const int EAddr = 16;

    public static bool IsLime(ReadOnlySpan<byte> head)
    {
        var header = new BoundedReader(head, "", 0, HeaderName);
        return header.Holds(MagicField, 8) && header.U32(MagicField) == Magic && header.U32(VersionField) == Version;
    }

    public static PhysicalImage Open(IByteSource source)
    {
        var file = source.Name;
        var warnings = new List<string>();
        var ranges = new List<(MappedRun Run, long HeaderOffset)>();
        long offset = 0;
        var maxHeaders = source.Length / HeaderSize;
        while (offset < source.Length && ranges.Count < maxHeaders)
        {
            if (source.Length - offset < HeaderSize)
            {
                warnings.Add($"{file}: {source.Length - offset} bytes after the last range at 0x{offset:X} are too few for a range header and were ignored (truncated?)");
                break;
            }
            var run = ReadRange(source.ReadStructure(offset, HeaderSize, HeaderName));
            ranges.Add((run, offset));
            var dataEnd = offset + HeaderSize + run.Length;
            if (dataEnd > source.Length) break;
            offset = dataEnd;
        }
        if (ranges.Count == 0)
            throw new ImageFormatException(file, 0, "the file holds no LiME range header");
        CheckOverlaps(file, ranges);

        var table = RunTable.Validate(ranges.Select(r => r.Run), file, source.Length, "LiME range");
        warnings.AddRange(table.Warnings);
        var memory = new RunMappedMemory(FormatName, source, table);
        var facts = new ImageFacts
        {
            Imager = "LiME",
            Other = [new("LiME ranges", ranges.Count.ToString("N0"))],
        };
        return new PhysicalImage(file, memory, facts, warnings, [], memory);
    }

    /// <summary>The range whose header <paramref name="header"/> holds; its data follows the header.</summary>
    internal static MappedRun ReadRange(BoundedReader header)
    {
        var magic = header.U32(MagicField, "magic");
        if (magic != Magic)
            throw header.Error(MagicField, $"LiME range header: magic is 0x{magic:X8}, not 0x{Magic:X8} (\"EMiL\")");
        var version = header.U32(VersionField, "version");
        if (version != Version)
            throw header.Error(VersionField, $"LiME range header: version is {version}, only version {Version} is known");
        var start = header.U64(SAddr, "s_addr");
        var end = header.U64(EAddr, "e_addr");
        if (end < start)
            throw header.Error(EAddr, $"LiME range header: e_addr 0x{end:X} is below s_addr 0x{start:X}");
        if (end >= RunTable.MaxPhysicalAddress)
            throw header.Error(EAddr, $"LiME range header: e_addr 0x{end:X} lies outside the 52-bit physical address space");
        return new MappedRun((long)start, (long)(end - start) + 1, header.Origin + HeaderSize);
    }

    private static void CheckOverlaps(string file, List<(MappedRun Run, long HeaderOffset)> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Run.Start).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i - 1].Run.End > sorted[i].Run.Start)
            {
                var (earlier, later) = sorted[i - 1].HeaderOffset < sorted[i].HeaderOffset ? (sorted[i - 1], sorted[i]) : (sorted[i], sorted[i - 1]);
                throw new ImageFormatException(file, later.HeaderOffset,
                    $"LiME range header: s_addr..e_addr 0x{later.Run.Start:X}-0x{later.Run.End - 1:X} overlaps the range at 0x{earlier.Run.Start:X}-0x{earlier.Run.End - 1:X} (header at 0x{earlier.HeaderOffset:X})");
            }
        }
    }
}

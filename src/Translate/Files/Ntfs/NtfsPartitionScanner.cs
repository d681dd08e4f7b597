using System.Buffers.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// Finds NTFS volumes on a disk image: the image itself when it starts with an NTFS boot sector, else the
/// primary MBR partitions and the GPT partitions of type "Microsoft basic data" whose boot sector says NTFS.
/// MBR extended partitions (logical drives) are not followed. LBAs are taken as 512-byte sectors for MBR;
/// GPT is looked for with 512- and 4096-byte sectors.
/// </summary>
internal static class NtfsPartitionScanner
{
    private const byte GptProtective = 0xEE;
    private const int MaxGptEntries = 1024;
    private static readonly Guid MicrosoftBasicData = new("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7");

    public static IReadOnlyList<long> Find(IByteSource disk)
    {
        if (disk.Length < 512) return [];
        var mbr = disk.ReadBlock(0, 512, "first sector");
        if (NtfsBootSector.HasNtfsOemId(mbr)) return [0];
        if (mbr[510] != 0x55 || mbr[511] != 0xAA) return [];

        var found = new List<long>();
        var gpt = false;
        for (var i = 0; i < 4; i++)
        {
            var entry = mbr.AsSpan(0x1BE + 16 * i, 16);
            var type = entry[4];
            var start = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            if (type == GptProtective) gpt = true;
            else if (type != 0 && start != 0 && IsNtfs(disk, start * 512L)) found.Add(start * 512L);
        }
        if (gpt)
            foreach (var sectorSize in new[] { 512, 4096 })
                if (GptPartitions(disk, sectorSize) is { } partitions)
                {
                    found.AddRange(partitions.Where(offset => IsNtfs(disk, offset)));
                    break;
                }
        return found.Distinct().ToList();
    }

    /// <summary>GPT header at LBA 1: "EFI PART", entries LBA (+0x48), count (+0x50), entry size (+0x54); entry: type GUID, first LBA (+0x20).</summary>
    private static List<long>? GptPartitions(IByteSource disk, int sectorSize)
    {
        if (disk.Length < 2L * sectorSize) return null;
        var header = disk.ReadBlock(sectorSize, 512, "GPT header");
        if (!header.AsSpan(0, 8).SequenceEqual("EFI PART"u8)) return null;
        var entriesLba = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(0x48));
        var count = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x50));
        var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(0x54));
        if (entriesLba <= 0 || entriesLba > disk.Length / sectorSize || count > MaxGptEntries || size < 128 || size > 4096) return [];
        var table = new byte[count * size];
        if (disk.Read(entriesLba * sectorSize, table) != table.Length) return [];
        var result = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var entry = table.AsSpan((int)(i * size), (int)size);
            var first = BinaryPrimitives.ReadInt64LittleEndian(entry[0x20..]);
            if (new Guid(entry[..16]) == MicrosoftBasicData && first > 0 && first < disk.Length / sectorSize)
                result.Add(first * sectorSize);
        }
        return result;
    }

    private static bool IsNtfs(IByteSource disk, long offset)
    {
        if (offset < 0 || offset > disk.Length - 512) return false;
        Span<byte> sector = stackalloc byte[512];
        return disk.Read(offset, sector) == 512 && NtfsBootSector.HasNtfsOemId(sector);
    }
}

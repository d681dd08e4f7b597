using System.Numerics;
using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>The geometry an NTFS boot sector (the volume's first sector) gives, validated.</summary>
internal sealed record NtfsBootSector(
    int BytesPerSector,
    int ClusterSize,
    long TotalSectors,
    long MftCluster,
    int MftRecordSize,
    int IndexRecordSize)
{
    /// <summary>OEM id at +3 of every NTFS boot sector.</summary>
    public static ReadOnlySpan<byte> OemId => "NTFS    "u8;

    /// <summary>Windows formats clusters of at most 2 MiB.</summary>
    private const int MaxClusterSize = 2 * 1024 * 1024;

    // BIOS parameter block and NTFS extension (Windows Internals, "NTFS on-disk structure").
    private const int OemIdField = 0x03;
    private const int BytesPerSectorField = 0x0B;
    private const int SectorsPerCluster = 0x0D;
    private const int TotalSectorsField = 0x28;
    private const int MftLcn = 0x30;
    private const int ClustersPerMftRecord = 0x40;
    private const int ClustersPerIndexRecord = 0x44;

    public long TotalClusters => TotalSectors * BytesPerSector / ClusterSize;
    public long VolumeSize => TotalSectors * BytesPerSector;

    public static bool HasNtfsOemId(ReadOnlySpan<byte> sector) => sector.Length >= 11 && sector.Slice(3, 8).SequenceEqual(OemId);

    public static NtfsBootSector Read(IByteSource disk, long volumeOffset)
    {
        var s = disk.ReadStructure(volumeOffset, 512, "NTFS boot sector");
        void Fail(int field, string problem) => throw new ImageFormatException(disk.Name, volumeOffset + field, $"NTFS boot sector: {problem}");
        if (!HasNtfsOemId(s.Span)) Fail(OemIdField, "OEM id is not \"NTFS    \" (not an NTFS volume)");

        int bytesPerSector = s.U16(BytesPerSectorField, "BytesPerSector");
        if (bytesPerSector < 256 || bytesPerSector > 4096 || !BitOperations.IsPow2(bytesPerSector))
            Fail(BytesPerSectorField, $"bytes per sector {bytesPerSector} is not a power of two from 256 to 4096");

        // Values of 0xF4 and above encode 2^(256 - v) sectors (clusters over 64 KiB on large-sector disks).
        int raw = s.U8(SectorsPerCluster);
        long sectorsPerCluster = raw >= 0xF4 ? 1L << (256 - raw) : raw;
        if (sectorsPerCluster == 0 || !BitOperations.IsPow2(sectorsPerCluster) || (raw < 0xF4 && raw > 0x80))
            Fail(SectorsPerCluster, $"sectors per cluster 0x{raw:X2} is not a power of two");
        var clusterSize = sectorsPerCluster * bytesPerSector;
        if (clusterSize > MaxClusterSize) Fail(SectorsPerCluster, $"cluster size {clusterSize} exceeds 2 MiB");

        var totalSectors = s.I64(TotalSectorsField, "TotalSectors");
        if (totalSectors <= 0 || totalSectors > long.MaxValue / bytesPerSector)
            Fail(TotalSectorsField, $"total sectors {totalSectors} is not a valid count");
        var totalClusters = totalSectors / sectorsPerCluster;

        var mftCluster = s.I64(MftLcn);
        if (mftCluster <= 0 || mftCluster >= totalClusters)
            Fail(MftLcn, $"$MFT cluster 0x{mftCluster:X} lies outside the volume's {totalClusters} clusters");

        var mftRecordSize = RecordSize(s.U8(ClustersPerMftRecord), clusterSize, ClustersPerMftRecord, "clusters per MFT record", Fail);
        var indexRecordSize = RecordSize(s.U8(ClustersPerIndexRecord), clusterSize, ClustersPerIndexRecord, "clusters per index record", Fail);
        return new NtfsBootSector(bytesPerSector, (int)clusterSize, totalSectors, mftCluster, mftRecordSize, indexRecordSize);
    }

    /// <summary>A positive value counts clusters; a negative value -n means 2^n bytes (records smaller than a cluster).</summary>
    private static int RecordSize(byte raw, long clusterSize, int field, string what, Action<int, string> fail)
    {
        var value = (sbyte)raw;
        long size = value switch
        {
            > 0 => value * clusterSize,
            < 0 when value >= -31 => 1L << -value,
            _ => 0,
        };
        // Update sequence fixups protect each 512-byte block, so a record is a whole number of them.
        if (size < 512 || size > 65536 || !BitOperations.IsPow2(size))
            fail(field, $"{what} 0x{raw:X2} gives a record size of {size} bytes (must be a power of two from 512 to 64 KiB)");
        return (int)size;
    }
}

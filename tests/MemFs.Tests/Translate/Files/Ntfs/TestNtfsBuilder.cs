using System.Buffers.Binary;
using static MemFs.Tests.Translate.Files.Ntfs.TestNtfsStructures;

namespace MemFs.Tests.Translate.Files.Ntfs;

/// <summary>
/// A small hand-made NTFS volume: 4 KiB clusters, 1 KiB records, a 32-record $MFT at cluster 4, a root
/// directory (record 5) whose $I30 root node lists the added files, and file records from 16 on.
/// Tests add files, or raw records, then corrupt the built bytes.
/// </summary>
internal sealed class TestNtfsBuilder
{
    public const int ClusterSize = 4096, MftCluster = 4, MftRecords = 32, TotalClusters = 128, Root = 5;

    private readonly byte[] _image = new byte[TotalClusters * ClusterSize];
    private readonly Dictionary<long, byte[]> _records = [];
    private readonly List<(string Name, long Record)> _rootEntries = [];
    private long _nextRecord = 16, _nextCluster = 16;

    /// <summary>Replaces the root's $INDEX_ROOT / $INDEX_ALLOCATION attributes.</summary>
    public byte[][]? RootIndexAttributes { get; set; }

    public long ClusterOffset(long lcn) => lcn * ClusterSize;
    public long RecordOffset(long record) => (long)MftCluster * ClusterSize + record * RecordSize;

    public long AllocateClusters(int count)
    {
        var lcn = _nextCluster;
        _nextCluster += count;
        return lcn;
    }

    public void WriteClusters(long lcn, byte[] bytes) => bytes.CopyTo(_image, lcn * ClusterSize);

    public long AddResidentFile(string name, byte[] data) =>
        AddFile(name, Resident(0x80, data));

    public long AddNonResidentFile(string name, byte[] data)
    {
        var clusters = Math.Max(1, (data.Length + ClusterSize - 1) / ClusterSize);
        var lcn = AllocateClusters(clusters);
        WriteClusters(lcn, data);
        return AddFile(name, NonResident(0x80, Runlist((lcn, clusters)), 0, clusters - 1, (long)clusters * ClusterSize, data.Length, data.Length));
    }

    /// <summary>A file record with a $FILE_NAME in the root plus the given attributes; listed in the root index.</summary>
    public long AddFile(string name, params byte[][] attributes)
    {
        var record = _nextRecord++;
        SetRecord(record, Record(1, [Resident(0x30, FileName(Root, name)), .. attributes]));
        _rootEntries.Add((name, record));
        return record;
    }

    public long NextRecord() => _nextRecord++;

    public void SetRecord(long record, byte[] bytes) => _records[record] = bytes;

    public byte[] Build()
    {
        WriteBootSector();
        var mftClusters = MftRecords * RecordSize / ClusterSize;
        SetRecord(0, Record(1, [Resident(0x30, FileName(Root, "$MFT")),
            NonResident(0x80, Runlist((MftCluster, mftClusters)), 0, mftClusters - 1, MftRecords * RecordSize, MftRecords * RecordSize, MftRecords * RecordSize)]));
        var entries = _rootEntries.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .Select(e => IndexEntry(e.Record, FileName(Root, e.Name))).Append(LastEntry());
        SetRecord(Root, Record(3, [Resident(0x30, FileName(Root, ".")), .. RootIndexAttributes ?? [Resident(0x90, IndexRoot(entries), "$I30")]]));
        foreach (var (number, bytes) in _records) bytes.CopyTo(_image, RecordOffset(number));
        return _image;
    }

    private void WriteBootSector()
    {
        var s = _image.AsSpan(0, 512);
        s[0] = 0xEB; s[1] = 0x52; s[2] = 0x90;
        "NTFS    "u8.CopyTo(s[3..]);
        BinaryPrimitives.WriteUInt16LittleEndian(s[0x0B..], 512);
        s[0x0D] = ClusterSize / 512;
        BinaryPrimitives.WriteInt64LittleEndian(s[0x28..], TotalClusters * (ClusterSize / 512) - 1);
        BinaryPrimitives.WriteInt64LittleEndian(s[0x30..], MftCluster);
        BinaryPrimitives.WriteInt64LittleEndian(s[0x38..], TotalClusters / 2);
        s[0x40] = unchecked((byte)-10);
        s[0x44] = 1;
        s[510] = 0x55; s[511] = 0xAA;
    }
}

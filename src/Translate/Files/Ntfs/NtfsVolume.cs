using MemFs.Translate.Physical;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// A read-only NTFS volume on a disk image: MFT records, $I30 directory indexes and unnamed $DATA streams.
/// Immutable once open, so every method is thread-safe. Not supported: compressed and encrypted data,
/// named streams, reparse points (symbolic links and junctions are not followed), and the $UpCase table
/// (names compare with an ordinal ignore-case comparison).
/// </summary>
internal sealed class NtfsVolume : IDisposable
{
    private const long RootDirectory = 5;
    /// <summary>Windows keeps an $ATTRIBUTE_LIST well below this; anything larger is corrupt.</summary>
    private const long MaxAttributeListSize = 4 * 1024 * 1024;

    private readonly IByteSource _mft;
    private readonly long _recordCount;

    private NtfsVolume(IByteSource disk, long volumeOffset, NtfsBootSector boot)
    {
        Disk = disk;
        VolumeOffset = volumeOffset;
        Boot = boot;
        var at = new NtfsLocation(disk.Name, volumeOffset + boot.MftCluster * boot.ClusterSize, "$MFT record 0");
        var record0 = NtfsFileRecord.Parse(disk.ReadBlock(at.Offset, boot.MftRecordSize, at.Structure), 0, boot, at);
        var data = UnnamedData(record0);
        if (data.Count == 0 || data[0].IsResident) throw at.Error(0, "$MFT record 0 has no non-resident $DATA attribute");
        // The $MFT's own extents may be listed in extension records that lie in its first extent.
        _mft = NtfsAttributeStream.Open(data, "$MFT", disk, volumeOffset, boot, allowPartial: true);
        _recordCount = _mft.Length / boot.MftRecordSize;
        if (_recordCount <= RootDirectory) throw at.Error(0, $"$MFT holds only {_recordCount} records");
        if (record0.Attributes.Any(a => a.Type == NtfsAttributeType.AttributeList))
            _mft = NtfsAttributeStream.Open(UnnamedData(WithAttributeList(record0)), "$MFT", disk, volumeOffset, boot);
    }

    public IByteSource Disk { get; }
    public long VolumeOffset { get; }
    public NtfsBootSector Boot { get; }
    public long MftRecordCount => _recordCount;

    public static NtfsVolume Open(IByteSource disk, long volumeOffset = 0) =>
        new(disk, volumeOffset, NtfsBootSector.Read(disk, volumeOffset));

    /// <summary>Byte offsets of the NTFS volumes on a disk: the image itself, or its MBR or GPT partitions.</summary>
    public static IReadOnlyList<long> FindNtfsVolumes(IByteSource disk) => NtfsPartitionScanner.Find(disk);

    /// <summary>The file or directory at <paramref name="path"/>, or null when a component is not found.</summary>
    public NtfsFileRecord? FindFile(string path)
    {
        var components = NtfsPath.Split(path);
        if (components is null) return null;
        var current = ReadFile(new NtfsFileReference(RootDirectory, 0));
        foreach (var name in components)
        {
            if (!current.IsDirectory) return null;
            if (new NtfsDirectoryIndex(this, current).Find(name) is not { } reference) return null;
            current = ReadFile(reference);
        }
        return current;
    }

    /// <summary>The names in a directory (DOS 8.3 aliases left out: the same file's Win32 name is listed).</summary>
    public IReadOnlyList<(string Name, NtfsFileReference File)> ListDirectory(NtfsFileRecord directory) =>
        new NtfsDirectoryIndex(this, directory).Entries()
            .Where(e => e.Key!.Namespace != NtfsFileNameNamespace.Dos)
            .Select(e => (e.Key!.Name, e.File)).ToList();

    /// <summary>
    /// The file's unnamed $DATA stream, positional and thread-safe. Sparse runs and bytes past the initialized
    /// size read as zeros, as NTFS defines them.
    /// </summary>
    public IByteSource OpenData(NtfsFileRecord file)
    {
        var data = UnnamedData(file);
        if (data.Count == 0)
            throw new ImageFormatException(Disk.Name, null, $"{Describe(file)} has no unnamed $DATA stream{(file.IsDirectory ? " (a directory)" : "")}");
        return NtfsAttributeStream.Open(data, Describe(file), Disk, VolumeOffset, Boot);
    }

    /// <summary>A base file record by reference, with the attributes of its extension records merged in.</summary>
    public NtfsFileRecord ReadFile(NtfsFileReference reference)
    {
        var record = ReadRecord(reference.RecordNumber);
        if (!record.IsInUse || (reference.Sequence != 0 && record.Sequence != reference.Sequence))
            throw new ImageFormatException(Disk.Name, null,
                $"MFT record {reference.RecordNumber} is {(record.IsInUse ? $"sequence {record.Sequence}, not {reference.Sequence}" : "not in use")} (stale directory entry)");
        if (record.BaseRecord is not null)
            throw new ImageFormatException(Disk.Name, null, $"MFT record {reference.RecordNumber} is an extension record, not a file");
        return WithAttributeList(record);
    }

    internal string Describe(NtfsFileRecord file) => $"{Disk.Name} @ 0x{VolumeOffset:X}: {file.DisplayName} (MFT record {file.RecordNumber})";

    private NtfsFileRecord ReadRecord(long number)
    {
        if (number < 0 || number >= _recordCount)
            throw new ImageFormatException(Disk.Name, null, $"MFT record number {number} is outside the $MFT's {_recordCount} records");
        var position = number * Boot.MftRecordSize;
        var diskOffset = (_mft as NtfsNonResidentStream)?.DiskOffsetOf(position)
            ?? throw new ImageFormatException(Disk.Name, null, $"MFT record {number} lies in a sparse part of the $MFT");
        var at = new NtfsLocation(Disk.Name, diskOffset, $"MFT record {number}");
        return NtfsFileRecord.Parse(_mft.ReadBlock(position, Boot.MftRecordSize, at.Structure), number, Boot, at);
    }

    /// <summary>
    /// Merges the attributes that $ATTRIBUTE_LIST places in extension records. Extension records' own lists
    /// are not followed (NTFS has one level), and each extension record is read once, so a looping list ends.
    /// </summary>
    private NtfsFileRecord WithAttributeList(NtfsFileRecord record)
    {
        var lists = record.Attributes.Where(a => a.Type == NtfsAttributeType.AttributeList).ToList();
        if (lists.Count == 0) return record;
        var at = new NtfsLocation(Disk.Name, lists[0].DiskOffset, $"{Describe(record)} $ATTRIBUTE_LIST");
        if (lists.Count > 1) throw at.Error(0, "more than one $ATTRIBUTE_LIST");
        if (!lists[0].IsResident && lists[0].DataSize > MaxAttributeListSize)
            throw at.Error(0, $"$ATTRIBUTE_LIST of {lists[0].DataSize} bytes is larger than {MaxAttributeListSize}");
        using var stream = NtfsAttributeStream.Open(lists, at.Structure, Disk, VolumeOffset, Boot);
        var list = stream.ReadBlock(0, (int)stream.Length, at.Structure);

        var wanted = NtfsAttributeListEntry.Parse(list, at)
            .Where(e => e.File.RecordNumber != record.RecordNumber)
            .ToLookup(e => e.File.RecordNumber);
        var merged = record.Attributes.Where(a => a.Type != NtfsAttributeType.AttributeList).ToList();
        foreach (var group in wanted)
        {
            var extension = ReadRecord(group.Key);
            if (extension.BaseRecord?.RecordNumber != record.RecordNumber)
                throw at.Error(0, $"lists MFT record {group.Key}, which is not an extension of record {record.RecordNumber}");
            var ids = group.Select(e => (e.Type, e.Id)).ToHashSet();
            merged.AddRange(extension.Attributes.Where(a => ids.Contains((a.Type, a.Id))));
        }
        return record.WithAttributes(merged);
    }

    private static List<NtfsAttribute> UnnamedData(NtfsFileRecord file) =>
        file.Attributes.Where(a => a.Type == NtfsAttributeType.Data && a.Name.Length == 0).ToList();

    /// <summary>The volume does not own the disk: whoever opened it disposes it.</summary>
    public void Dispose() { }
}

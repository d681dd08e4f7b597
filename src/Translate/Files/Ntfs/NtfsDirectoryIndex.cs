using System.Buffers.Binary;
using System.Numerics;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>
/// The $I30 file-name index of a directory: a B+ tree whose root node sits in $INDEX_ROOT and whose other
/// nodes are "INDX" blocks of $INDEX_ALLOCATION, addressed by VCN. Names are compared with an ordinal
/// ignore-case comparison instead of the volume's $UpCase table; the two agree for ASCII names, and a
/// non-ASCII name that the tree descent misses is looked for by walking the whole index.
/// </summary>
internal sealed class NtfsDirectoryIndex
{
    private const string IndexName = "$I30";
    private const int MaxDepth = 32;

    private readonly NtfsVolume _volume;
    private readonly NtfsFileRecord _directory;
    private readonly List<NtfsIndexEntry> _root;
    private readonly IByteSource? _allocation;
    private readonly int _blockSize;
    private readonly int _vcnUnit;

    public NtfsDirectoryIndex(NtfsVolume volume, NtfsFileRecord directory)
    {
        _volume = volume;
        _directory = directory;
        var what = $"directory {directory.DisplayName} (MFT record {directory.RecordNumber}) $INDEX_ROOT";
        var rootAttribute = directory.Attributes.FirstOrDefault(a => a.Type == NtfsAttributeType.IndexRoot && a.Name == IndexName)
            ?? throw new MemFs.Translate.Physical.ImageFormatException(volume.Disk.Name, null, $"MFT record {directory.RecordNumber} has no $I30 $INDEX_ROOT (not a directory)");
        var at = new NtfsLocation(volume.Disk.Name, rootAttribute.DiskOffset, what);
        var value = rootAttribute.Value ?? throw at.Error(0, "$INDEX_ROOT is not resident");
        if (value.Length < 0x20) throw at.Error(0, $"$INDEX_ROOT value of {value.Length} bytes is too short");
        // Indexed attribute type at +0, index block size at +8; the root node header follows at +0x10.
        if (BinaryPrimitives.ReadUInt32LittleEndian(value) != (uint)NtfsAttributeType.FileName)
            throw at.Error(0, "$I30 index does not index $FILE_NAME");
        var blockSize = BinaryPrimitives.ReadUInt32LittleEndian(value.AsSpan(8));
        if (blockSize < 512 || blockSize > 65536 || !BitOperations.IsPow2(blockSize))
            throw at.Error(8, $"index block size {blockSize} is not a power of two from 512 to 64 KiB");
        _blockSize = (int)blockSize;
        // Index block VCNs count clusters, or 512-byte units when blocks are smaller than a cluster.
        _vcnUnit = volume.Boot.ClusterSize <= _blockSize ? volume.Boot.ClusterSize : 512;
        _root = NtfsIndexEntry.ParseNode(value.AsSpan(0x10), at with { Offset = at.Offset + 0x10 });

        var extents = directory.Attributes.Where(a => a.Type == NtfsAttributeType.IndexAllocation && a.Name == IndexName).ToList();
        if (extents.Count > 0)
            _allocation = NtfsAttributeStream.Open(extents, $"{volume.Describe(directory)} $INDEX_ALLOCATION", volume.Disk, volume.VolumeOffset, volume.Boot);
    }

    public NtfsFileReference? Find(string name)
    {
        var visited = new HashSet<long>();
        var entries = _root;
        for (var depth = 0; ; depth++)
        {
            long? down = null;
            foreach (var entry in entries)
            {
                if (entry.Key is null) { down = entry.SubnodeVcn; break; }
                var order = string.Compare(name, entry.Key.Name, StringComparison.OrdinalIgnoreCase);
                if (order == 0) return entry.File;
                if (order < 0) { down = entry.SubnodeVcn; break; }
            }
            if (down is not { } vcn) break;
            if (depth >= MaxDepth || !visited.Add(vcn))
                throw Error($"index node at VCN 0x{vcn:X} is reached twice or the tree is deeper than {MaxDepth} (cycle)");
            entries = ReadNode(vcn);
        }
        if (name.All(char.IsAscii)) return null;
        return Entries().FirstOrDefault(e => string.Equals(name, e.Key!.Name, StringComparison.OrdinalIgnoreCase))?.File;
    }

    /// <summary>Every named entry, in index order (each visited node once).</summary>
    public List<NtfsIndexEntry> Entries()
    {
        var result = new List<NtfsIndexEntry>();
        Walk(_root, new HashSet<long>(), 0, result);
        return result;
    }

    private void Walk(List<NtfsIndexEntry> entries, HashSet<long> visited, int depth, List<NtfsIndexEntry> result)
    {
        foreach (var entry in entries)
        {
            if (entry.SubnodeVcn is { } vcn)
            {
                if (depth >= MaxDepth || !visited.Add(vcn))
                    throw Error($"index node at VCN 0x{vcn:X} is reached twice or the tree is deeper than {MaxDepth} (cycle)");
                Walk(ReadNode(vcn), visited, depth + 1, result);
            }
            if (entry.Key is not null) result.Add(entry);
        }
    }

    /// <summary>An "INDX" block: fixups, VCN at +0x10 and the node header at +0x18.</summary>
    private List<NtfsIndexEntry> ReadNode(long vcn)
    {
        if (_allocation is null) throw Error($"index entry points to subnode VCN 0x{vcn:X} but there is no $INDEX_ALLOCATION");
        if (vcn < 0 || vcn > (_allocation.Length - _blockSize) / _vcnUnit)
            throw Error($"index subnode VCN 0x{vcn:X} lies outside the {_allocation.Length}-byte $INDEX_ALLOCATION");
        var position = vcn * _vcnUnit;
        var at = new NtfsLocation(_volume.Disk.Name, (_allocation as NtfsNonResidentStream)?.DiskOffsetOf(position) ?? 0,
            $"{_volume.Describe(_directory)} INDX block at VCN 0x{vcn:X}");
        var block = _allocation.ReadBlock(position, _blockSize, at.Structure);
        if (!block.AsSpan(0, 4).SequenceEqual("INDX"u8)) throw at.Error(0, "no \"INDX\" signature");
        if (NtfsFixups.Apply(block) is { } problem) throw at.Error(0, problem);
        var recorded = BinaryPrimitives.ReadInt64LittleEndian(block.AsSpan(0x10));
        if (recorded != vcn) throw at.Error(0x10, $"block says it is VCN 0x{recorded:X}");
        return NtfsIndexEntry.ParseNode(block.AsSpan(0x18), at with { Offset = at.Offset + 0x18 });
    }

    private MemFs.Translate.Physical.ImageFormatException Error(string problem) =>
        new(_volume.Disk.Name, null, $"{_volume.Describe(_directory)} $I30 index: {problem}");
}

using System.Buffers.Binary;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>An $I30 index entry: the file it names (null for the last entry of a node) and the subnode below it.</summary>
internal sealed record NtfsIndexEntry(NtfsFileReference File, NtfsFileName? Key, long? SubnodeVcn)
{
    private const ushort HasSubnode = 0x0001, LastEntry = 0x0002;

    /// <summary>
    /// The entries of one index node. <paramref name="node"/> starts at the node header: entries offset (+0) and
    /// index length (+4), both relative to the header. Each entry: file reference (+0), entry length (+8),
    /// key length (+0xA), flags (+0xC), key (+0x10), and the subnode VCN in its last 8 bytes.
    /// </summary>
    public static List<NtfsIndexEntry> ParseNode(ReadOnlySpan<byte> node, NtfsLocation at)
    {
        if (node.Length < 0x10) throw at.Error(0, "index node header runs past its block");
        var start = BinaryPrimitives.ReadUInt32LittleEndian(node);
        var end = BinaryPrimitives.ReadUInt32LittleEndian(node[4..]);
        if (start < 0x10 || end > node.Length || start > end)
            throw at.Error(0, $"index entries 0x{start:X}..0x{end:X} lie outside the {node.Length}-byte node");
        var entries = new List<NtfsIndexEntry>();
        var position = (int)start;
        while (true)
        {
            if (position + 0x10 > end) throw at.Error(position, "index entries end without a last entry");
            var entry = node[position..(int)end];
            var raw = BinaryPrimitives.ReadUInt64LittleEndian(entry);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(entry[8..]);
            int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x0A..]);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(entry[0x0C..]);
            var minimum = 0x10 + ((flags & HasSubnode) != 0 ? 8 : 0);
            if (length < minimum || length % 8 != 0 || length > entry.Length)
                throw at.Error(position + 8, $"index entry length {length} runs outside its node");
            long? subnode = (flags & HasSubnode) != 0 ? BinaryPrimitives.ReadInt64LittleEndian(entry[(length - 8)..]) : null;
            if ((flags & LastEntry) != 0)
            {
                entries.Add(new NtfsIndexEntry(default, null, subnode));
                return entries;
            }
            if (keyLength > length - minimum)
                throw at.Error(position + 0x0A, $"index key of {keyLength} bytes runs past its {length}-byte entry");
            var key = NtfsFileName.Parse(entry.Slice(0x10, keyLength), at with { Offset = at.Offset + position + 0x10 });
            entries.Add(new NtfsIndexEntry(NtfsFileReference.From(raw), key, subnode));
            position += length;
        }
    }
}

namespace MemFs.Translate.Files.Ntfs;

/// <summary>An $I30 index entry: the file it names (null for the last entry of a node) and the subnode below it.</summary>
internal sealed record NtfsIndexEntry(NtfsFileReference File, NtfsFileName? Key, long? SubnodeVcn)
{
    private const ushort HasSubnode = 0x0001, LastEntry = 0x0002;

    // INDEX_HEADER, relative to the node.
    private const int FirstIndexEntry = 0x0;
    private const int FirstFreeByte = 0x4;
    private const int NodeHeaderSize = 0x10;

    // INDEX_ENTRY.
    private const int FileReference = 0x0;
    private const int Length = 0x8;
    private const int AttributeLength = 0x0A;
    private const int Flags = 0x0C;
    private const int KeyField = 0x10;

    /// <summary>
    /// The entries of one index node. <paramref name="node"/> starts at the node header: entries offset (+0) and
    /// index length (+4), both relative to the header. Each entry: file reference (+0), entry length (+8),
    /// key length (+0xA), flags (+0xC), key (+0x10), and the subnode VCN in its last 8 bytes.
    /// </summary>
    public static List<NtfsIndexEntry> ParseNode(ReadOnlySpan<byte> node, NtfsLocation at)
    {
        if (node.Length < NodeHeaderSize) throw at.Error(0, "index node header runs past its block");
        var r = at.Reader(node);
        var start = r.U32(FirstIndexEntry);
        var end = r.U32(FirstFreeByte);
        if (start < 0x10 || end > node.Length || start > end)
            throw at.Error(0, $"index entries 0x{start:X}..0x{end:X} lie outside the {node.Length}-byte node");
        var entries = new List<NtfsIndexEntry>();
        var position = (int)start;
        while (true)
        {
            if (position + KeyField > end) throw at.Error(position, "index entries end without a last entry");
            var entry = r.Slice(position, end - position, "index entry");
            var raw = entry.U64(FileReference);
            int length = entry.U16(Length);
            int keyLength = entry.U16(AttributeLength);
            var flags = entry.U16(Flags);
            var minimum = KeyField + ((flags & HasSubnode) != 0 ? 8 : 0);
            if (length < minimum || length % 8 != 0 || length > entry.Length)
                throw at.Error(position + Length, $"index entry length {length} runs outside its node");
            long? subnode = (flags & HasSubnode) != 0 ? entry.I64(length - 8, "SubnodeVcn") : null;
            if ((flags & LastEntry) != 0)
            {
                entries.Add(new NtfsIndexEntry(default, null, subnode));
                return entries;
            }
            if (keyLength > length - minimum)
                throw at.Error(position + AttributeLength, $"index key of {keyLength} bytes runs past its {length}-byte entry");
            var key = NtfsFileName.Parse(entry.Bytes(KeyField, keyLength, "Key"), at with { Offset = at.Offset + position + KeyField });
            entries.Add(new NtfsIndexEntry(NtfsFileReference.From(raw), key, subnode));
            position += length;
        }
    }
}

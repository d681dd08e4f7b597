namespace MemFs.Translate.Files.Ntfs;

/// <summary>An $ATTRIBUTE_LIST entry: type (+0), entry length (+4), start VCN (+8), record holding the attribute (+0x10), attribute id (+0x18).</summary>
internal readonly record struct NtfsAttributeListEntry(NtfsAttributeType Type, long StartVcn, NtfsFileReference File, ushort Id)
{
    private const int HeaderSize = 0x1A;
    private const int AttributeType = 0x0;
    private const int RecordLength = 0x4;
    private const int LowestVcn = 0x8;
    private const int SegmentReference = 0x10;
    private const int AttributeId = 0x18;

    public static List<NtfsAttributeListEntry> Parse(ReadOnlySpan<byte> list, NtfsLocation at)
    {
        var entries = new List<NtfsAttributeListEntry>();
        var r = at.Reader(list);
        var position = 0;
        while (position + HeaderSize <= list.Length)
        {
            var type = r.U32(position + AttributeType, "AttributeType");
            int length = r.U16(position + RecordLength, "RecordLength");
            if (length < HeaderSize || length > list.Length - position)
                throw at.Error(position + RecordLength, $"attribute list entry length {length} runs outside the {list.Length}-byte list");
            var entry = r.Slice(position, length, at.Structure);
            entries.Add(new NtfsAttributeListEntry((NtfsAttributeType)type, entry.I64(LowestVcn),
                NtfsFileReference.From(entry.U64(SegmentReference)), entry.U16(AttributeId)));
            position += length;
        }
        return entries;
    }
}

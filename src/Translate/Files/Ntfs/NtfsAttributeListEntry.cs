using System.Buffers.Binary;

namespace MemFs.Translate.Files.Ntfs;

/// <summary>An $ATTRIBUTE_LIST entry: type (+0), entry length (+4), start VCN (+8), record holding the attribute (+0x10), attribute id (+0x18).</summary>
internal readonly record struct NtfsAttributeListEntry(NtfsAttributeType Type, long StartVcn, NtfsFileReference File, ushort Id)
{
    private const int HeaderSize = 0x1A;

    public static List<NtfsAttributeListEntry> Parse(ReadOnlySpan<byte> list, NtfsLocation at)
    {
        var entries = new List<NtfsAttributeListEntry>();
        var position = 0;
        while (position + HeaderSize <= list.Length)
        {
            var entry = list[position..];
            var type = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(entry[4..]);
            if (length < HeaderSize || length > entry.Length)
                throw at.Error(position + 4, $"attribute list entry length {length} runs outside the {list.Length}-byte list");
            entries.Add(new NtfsAttributeListEntry((NtfsAttributeType)type, BinaryPrimitives.ReadInt64LittleEndian(entry[8..]),
                NtfsFileReference.From(BinaryPrimitives.ReadUInt64LittleEndian(entry[0x10..])), BinaryPrimitives.ReadUInt16LittleEndian(entry[0x18..])));
            position += length;
        }
        return entries;
    }
}

using MemFs.Aff4.Binary;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.Vmware;

/// <summary>
/// A VMware suspended-state or snapshot file (.vmss, .vmsn): header { u32 magic, u32, u32 groupCount },
/// groupCount 80-byte entries { 64-byte name, u64 tags offset, u64 }, and per group a run of tags ended by
/// a zero tag.
/// </summary>
internal sealed class VmwareStateFile
{
    public const int MaxGroups = 4096;
    public const int MaxTags = 1_000_000;
    // The header and group entries described above.
    private const int HeaderSize = 12;
    private const int MagicField = 0;
    private const int GroupCountField = 8;
    private const int GroupEntrySize = 80;
    private const int GroupName = 0;
    private const int GroupNameSize = 64;
    private const int TagsOffset = 64;

    /// <summary>
    /// Magic values seen in state files; the version is the low nibble of the first byte (0 = 32-bit block
    /// sizes). 0xBED0BED0 and 0xBAD2BAD2 are the older and "not restorable" variants.
    /// </summary>
    public static readonly uint[] Magics = [0xBED2BED0, 0xBAD1BAD1, 0xBED2BED2, 0xBED3BED3, 0xBED0BED0, 0xBAD2BAD2];

    private VmwareStateFile(string name, uint magic, IReadOnlyList<VmwareGroup> groups, IReadOnlyList<string> warnings)
    {
        Name = name;
        Magic = magic;
        Groups = groups;
        Warnings = warnings;
    }

    public string Name { get; }
    public uint Magic { get; }
    public int Version => (int)(Magic & 0xF);
    public IReadOnlyList<VmwareGroup> Groups { get; }
    public IReadOnlyList<string> Warnings { get; }

    public VmwareGroup? Group(string name) => Groups.FirstOrDefault(g => g.Name == name);

    public static bool IsMagic(ReadOnlySpan<byte> head)
    {
        var header = new BoundedReader(head, "", 0, "VMware state header");
        return header.Holds(MagicField, 4) && Magics.Contains(header.U32(MagicField));
    }

    public static VmwareStateFile Read(IByteSource source)
    {
        var file = source.Name;
        var header = source.ReadStructure(0, HeaderSize, "VMware state header");
        var magic = header.U32(MagicField, "magic");
        if (!Magics.Contains(magic))
            throw header.Error(MagicField, $"VMware state header: magic 0x{magic:X8} is not a known state file magic");
        var groupCount = header.U32(GroupCountField, "groupCount");
        if (groupCount > MaxGroups)
            throw header.Error(GroupCountField, $"VMware state header: groupCount {groupCount:N0} is more than {MaxGroups:N0}");
        var entries = source.ReadStructure(HeaderSize, (int)groupCount * GroupEntrySize, $"VMware group table ({groupCount} groups)");

        var warnings = new List<string>();
        var walker = new VmwareTagWalker(source, (int)(magic & 0xF), warnings);
        var groups = new List<VmwareGroup>();
        for (var i = 0; i < groupCount; i++)
        {
            var entry = entries.Slice(i * GroupEntrySize, GroupEntrySize, "group entry");
            var name = entry.Ascii(GroupName, GroupNameSize, "name");
            var tagsOffset = entry.U64(TagsOffset, "tagsOffset");
            if (tagsOffset > (ulong)source.Length)
                throw entry.Error(TagsOffset, $"group \"{name}\": tags offset 0x{tagsOffset:X} lies past the end of the file (0x{source.Length:X} bytes)");
            groups.Add(new VmwareGroup(name, (long)tagsOffset, walker.ReadGroup(name, (long)tagsOffset)));
        }
        return new VmwareStateFile(file, magic, groups, warnings);
    }
}

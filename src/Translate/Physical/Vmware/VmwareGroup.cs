namespace MemFs.Translate.Physical.Vmware;

/// <summary>A named group of a VMware state file and the tags read from its tags offset.</summary>
internal sealed class VmwareGroup
{
    private readonly Dictionary<string, VmwareTag> _byKey = new(StringComparer.Ordinal);

    public VmwareGroup(string name, long tagsOffset, IReadOnlyList<VmwareTag> tags)
    {
        Name = name;
        TagsOffset = tagsOffset;
        Tags = tags;
        foreach (var tag in tags) _byKey.TryAdd(tag.ToString(), tag);
    }

    public string Name { get; }
    public long TagsOffset { get; }
    public IReadOnlyList<VmwareTag> Tags { get; }

    /// <summary>The first tag named <paramref name="name"/> with exactly these indices.</summary>
    public VmwareTag? Find(string name, params ReadOnlySpan<uint> indices) =>
        _byKey.GetValueOrDefault(VmwareTag.Key(name, indices));

    public override string ToString() => $"{Name} ({Tags.Count} tags at 0x{TagsOffset:X})";
}

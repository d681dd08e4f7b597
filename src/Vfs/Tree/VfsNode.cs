namespace MemFs.Vfs.Tree;

/// <summary>A file or directory of the virtual tree. Names are the interface: they are what analysts type.</summary>
public abstract class VfsNode(string name)
{
    public string Name { get; } = name;

    /// <summary>Modification time shown for the node: the image's acquisition time when known.</summary>
    public DateTime Time { get; init; } = DateTime.UnixEpoch;
}

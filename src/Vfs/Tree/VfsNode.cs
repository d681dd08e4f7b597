namespace MemFs.Vfs.Tree;

/// <summary>A file or directory of the virtual tree. Names are the interface: they are what analysts type.</summary>
public abstract class VfsNode(string name)
{
    public string Name { get; } = name;

    private DateTime? _time;

    /// <summary>
    /// Modification time shown for the node: its own when it has one (a process's creation time), else its
    /// directory's, up to the root's (the image's acquisition time).
    /// </summary>
    public DateTime Time
    {
        get => _time ?? DateTime.UnixEpoch;
        init => _time = value;
    }

    /// <summary>Called by the directory that produces this node.</summary>
    internal void InheritTime(DateTime parent) => _time ??= parent;
}

using MemFs.Translate.Concurrency;

namespace MemFs.Vfs.Tree;

/// <summary>
/// A directory whose children are produced on first listing and then kept (the image never changes).
/// Thread-safe: concurrent first listings produce the children once; a listing that fails is tried again next time.
/// </summary>
public sealed class VfsDirectory : VfsNode
{
    private readonly RetryingLazy<(IReadOnlyList<VfsNode> List, Dictionary<string, VfsNode> ByName)> _children;
    private readonly Func<string, VfsNode?>? _resolve;

    /// <param name="resolve">Names that exist without being listed (vtop/&lt;address&gt;.txt): produced on lookup.</param>
    public VfsDirectory(string name, Func<IEnumerable<VfsNode>> children, Func<string, VfsNode?>? resolve = null) : base(name)
    {
        _resolve = resolve;
        _children = new RetryingLazy<(IReadOnlyList<VfsNode>, Dictionary<string, VfsNode>)>(() =>
        {
            var list = new List<VfsNode>();
            var byName = new Dictionary<string, VfsNode>(StringComparer.Ordinal);
            foreach (var child in children())
            {
                if (!byName.TryAdd(child.Name, child)) continue;
                child.InheritTime(Time);
                list.Add(child);
            }
            return (list, byName);
        });
    }

    public VfsDirectory(string name, params VfsNode[] children) : this(name, () => children)
    {
    }

    public IReadOnlyList<VfsNode> Children => _children.Value.List;

    public VfsNode? Child(string name)
    {
        if (_children.Value.ByName.GetValueOrDefault(name) is { } listed) return listed;
        var resolved = _resolve?.Invoke(name);
        resolved?.InheritTime(Time);
        return resolved;
    }
}

namespace MemFs.Vfs.Tree;

/// <summary>The whole tree as hosts see it (FUSE, WinFsp, <c>memfs ls</c>/<c>cat</c>); it knows nothing about hosts.</summary>
public interface IVirtualFileSystem
{
    VfsDirectory Root { get; }
}

public static class VirtualFileSystemExtensions
{
    /// <summary>The node at a '/'-separated path from the root ("/" or "" is the root), or null.</summary>
    public static VfsNode? Lookup(this IVirtualFileSystem fs, string path)
    {
        VfsNode node = fs.Root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not VfsDirectory directory) return null;
            var child = directory.Child(part);
            if (child is null) return null;
            node = child;
        }
        return node;
    }
}

using MemFs.Vfs.Tree;

namespace MemFs.Benchmarks.Mount;

/// <summary>A MemFs tree with more files at its root (a FUSE ceiling file, a second image's physical.raw).</summary>
internal sealed class ExtendedTree(IVirtualFileSystem tree, IReadOnlyList<VfsNode> extra) : IVirtualFileSystem
{
    public VfsDirectory Root { get; } = new("", () => tree.Root.Children.Concat(extra));
}

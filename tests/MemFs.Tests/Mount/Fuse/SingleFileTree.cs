using MemFs.Vfs.Tree;

namespace MemFs.Tests.Mount.Fuse;

/// <summary>A tree of one file at its root.</summary>
internal sealed class SingleFileTree(VfsFile file) : IVirtualFileSystem
{
    public VfsDirectory Root { get; } = new("", file);
}

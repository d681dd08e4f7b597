using MemFs.Vfs.Tree;

namespace MemFs.Mount.Fuse;

/// <summary>A file opened through the mount, found again by the handle stored in fi->fh.</summary>
internal sealed record OpenFile(string Path, VfsFile File);

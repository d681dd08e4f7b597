using MemFs.Vfs.Tree;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// One open of a file or directory, found again by the FileContext WinFsp hands back. A directory's listing lives in
/// <see cref="DirectoryBuffer"/> (WinFsp's sorted directory buffer, built on the first read of each enumeration).
/// </summary>
internal sealed class OpenNode(string path, VfsNode node)
{
    public string Path { get; } = path;

    public VfsNode Node { get; } = node;

    public FspFileInfo Info => FspFileInfo.For(Node, FileIndex.Of(Path));

    /// <summary>WinFsp's PVOID for this open's directory buffer; a field because WinFsp takes its address.</summary>
    public nint DirectoryBuffer;
}

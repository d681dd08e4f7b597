using System.Collections.Concurrent;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// Answers WinFsp requests from the virtual tree, one mount's state: the tree and the table of opens behind each
/// FileContext. Called concurrently from dispatcher threads. Knows NTSTATUS and WinFsp's structures but not the DLL, so
/// its semantics are tested on any OS; directory buffers, which live in the DLL, are <see cref="DirectoryListing"/>'s.
/// </summary>
internal sealed unsafe class WinFspFileSystem(IVirtualFileSystem tree, string volumeLabel)
{
    private const uint FILE_DIRECTORY_FILE = 0x1;
    private const uint FILE_NON_DIRECTORY_FILE = 0x40;

    /// <summary>
    /// FILE_WRITE_DATA, FILE_APPEND_DATA, FILE_WRITE_EA, FILE_DELETE_CHILD, FILE_WRITE_ATTRIBUTES, DELETE, WRITE_DAC and
    /// WRITE_OWNER. The security descriptor already denies them; a caller whose privileges bypass it is refused here.
    /// </summary>
    private const uint WriteAccess = 0x2 | 0x4 | 0x10 | 0x40 | 0x100 | 0x10000 | 0x40000 | 0x80000;

    private readonly ConcurrentDictionary<nint, OpenNode> _open = new();
    private readonly ManualResetEventSlim _stopped = new();
    private long _lastHandle;

    /// <summary>Set when WinFsp's dispatcher stops (the volume went away from outside, or a stop was asked).</summary>
    public WaitHandle Stopped => _stopped.WaitHandle;

    /// <summary>The tree path of a WinFsp file name: WinFsp sends "\dir\file", the tree takes "/dir/file".</summary>
    public static string TreePath(string fileName) => fileName.Length == 0 ? "/" : fileName.Replace('\\', '/');

    public int GetVolumeInfo(FspVolumeInfo* info)
    {
        *info = FspVolumeInfo.ReadOnly(volumeLabel);
        return NtStatus.Success;
    }

    public int GetSecurityByName(string fileName, uint* attributes, void* descriptor, nuint* descriptorSize)
    {
        var status = Find(fileName, out var node, out _);
        if (node is null) return status;
        if (attributes != null) *attributes = FspFileInfo.AttributesOf(node);
        return ReadOnlySecurity.CopyTo(descriptor, descriptorSize);
    }

    public int Open(string fileName, uint createOptions, uint grantedAccess, nint* context, FspFileInfo* info)
    {
        var status = Find(fileName, out var node, out var path);
        if (node is null) return status;
        if ((grantedAccess & WriteAccess) != 0) return NtStatus.MediaWriteProtected;
        if ((createOptions & FILE_DIRECTORY_FILE) != 0 && node is not VfsDirectory) return NtStatus.NotADirectory;
        if ((createOptions & FILE_NON_DIRECTORY_FILE) != 0 && node is VfsDirectory) return NtStatus.FileIsADirectory;
        var open = new OpenNode(path, node);
        *info = open.Info;
        var handle = (nint)Interlocked.Increment(ref _lastHandle);
        _open[handle] = open;
        *context = handle;
        return NtStatus.Success;
    }

    public OpenNode? Opened(nint context) => _open.GetValueOrDefault(context);

    /// <summary>Forgets the open; the caller releases what WinFsp holds for it (its directory buffer).</summary>
    public OpenNode? Close(nint context) => _open.TryRemove(context, out var open) ? open : null;

    /// <summary>Forgets every open still known (the volume is being deleted and will send no Close).</summary>
    public IReadOnlyList<OpenNode> CloseAll() => [.. _open.Keys.Select(Close).OfType<OpenNode>()];

    public int GetFileInfo(nint context, FspFileInfo* info)
    {
        if (!_open.TryGetValue(context, out var open)) return NtStatus.InvalidHandle;
        *info = open.Info;
        return NtStatus.Success;
    }

    /// <summary>Fills as much of the request as the file has; STATUS_END_OF_FILE when it starts at or after the end.</summary>
    public int Read(nint context, Span<byte> destination, ulong offset, uint* transferred)
    {
        *transferred = 0;
        if (!_open.TryGetValue(context, out var open)) return NtStatus.InvalidHandle;
        if (open.Node is not VfsFile file) return NtStatus.FileIsADirectory;
        var length = (ulong)file.Length;
        if (offset >= length) return NtStatus.EndOfFile;
        var wanted = destination[..(int)Math.Min((ulong)destination.Length, length - offset)];
        var total = 0;
        try
        {
            while (total < wanted.Length)
            {
                var n = file.Read((long)offset + total, wanted[total..]);
                if (n <= 0) break;
                total += n;
            }
        }
        catch (IOException e)
        {
            return WinFspErrorLog.Failed("read", open.Path, offset, e);
        }
        *transferred = (uint)total;
        return NtStatus.Success;
    }

    /// <summary>
    /// The entries of an opened directory as WinFsp lists them: "." and ".." first except at the root (as NTFS does; both
    /// describe the directory itself, as the FUSE host's do), then the children.
    /// </summary>
    public IEnumerable<(string Name, FspFileInfo Info)> Listing(OpenNode directory)
    {
        var children = ((VfsDirectory)directory.Node).Children;
        if (directory.Path != "/")
        {
            yield return (".", directory.Info);
            yield return ("..", directory.Info);
        }
        foreach (var child in children)
            yield return (child.Name, FspFileInfo.For(child, FileIndex.Of(Child(directory.Path, child.Name))));
    }

    /// <summary>
    /// One exact name in an opened directory, including names the directory produces only on lookup; an entry for
    /// <see cref="FspDirInfo"/> is written to <paramref name="dirInfo"/>.
    /// </summary>
    public int GetDirInfoByName(nint context, string name, Span<byte> dirInfo)
    {
        if (!_open.TryGetValue(context, out var open)) return NtStatus.InvalidHandle;
        if (open.Node is not VfsDirectory directory) return NtStatus.NotADirectory;
        var child = directory.Child(name);
        if (child is null) return NtStatus.ObjectNameNotFound;
        var info = FspFileInfo.For(child, FileIndex.Of(Child(open.Path, child.Name)));
        return FspDirInfo.Write(child.Name, info, dirInfo) == 0 ? NtStatus.ObjectNameNotFound : NtStatus.Success;
    }

    public void DispatcherStopped() => _stopped.Set();

    /// <summary>
    /// The node at a WinFsp file name, or the status for its absence: the last component missing is
    /// STATUS_OBJECT_NAME_NOT_FOUND (WinFsp then tries Create for OPEN_IF), a missing or non-directory parent
    /// STATUS_OBJECT_PATH_NOT_FOUND, as NTFS answers.
    /// </summary>
    private int Find(string fileName, out VfsNode? node, out string path)
    {
        path = TreePath(fileName);
        node = tree.Lookup(path);
        if (node is not null) return NtStatus.Success;
        var slash = path.TrimEnd('/').LastIndexOf('/');
        var parent = slash <= 0 ? "/" : path[..slash];
        return tree.Lookup(parent) is VfsDirectory ? NtStatus.ObjectNameNotFound : NtStatus.ObjectPathNotFound;
    }

    private static string Child(string directoryPath, string name) => directoryPath == "/" ? "/" + name : directoryPath + "/" + name;
}

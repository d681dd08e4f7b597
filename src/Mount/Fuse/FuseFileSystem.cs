using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.Fuse;

/// <summary>
/// Answers FUSE requests from the virtual tree, one mount's state: the tree, the open-file table behind fi->fh, and the
/// mounting user's ids. Called concurrently from libfuse worker threads.
/// </summary>
internal sealed unsafe class FuseFileSystem(IVirtualFileSystem tree, uint maxRead, bool spliceReads = false)
{
    private const int O_ACCMODE = 3;
    private const int W_OK = 2;
    private const int X_OK = 1;
    private const int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;
    private const int FUSE_READDIR_PLUS = 1;
    private const int FUSE_FILL_DIR_PLUS = 2;

    private readonly ConcurrentDictionary<ulong, OpenFile> _open = new();
    private readonly uint _uid = Libc.GetUid();
    private readonly uint _gid = Libc.GetGid();
    private long _lastHandle;
    private Action? _afterInit;

    /// <summary>
    /// Runs once, in the first getattr (every lookup and stat starts with one), before it is answered: the kernel
    /// holds every request until INIT is answered, so mount settings INIT's reply would reset are final by then.
    /// </summary>
    public Action? AfterInit { init => _afterInit = value; }

    public void Init(FuseConnInfo* connection, FuseConfig* config)
    {
        if (maxRead != 0) connection->MaxRead = maxRead; // 3.14 refuses INIT unless this equals -o max_read
        if (spliceReads) connection->Want |= connection->Capable & FuseConnInfo.SpliceWrite;
        config->UseIno = 0;
        config->KernelCache = 1;
    }

    public int GetAttr(string path, NativeStat* stat)
    {
        Interlocked.Exchange(ref _afterInit, null)?.Invoke();
        var node = tree.Lookup(path);
        if (node is null) return -Errno.ENOENT;
        *stat = NativeStat.For(node, _uid, _gid);
        return 0;
    }

    public int Access(string path, int mask)
    {
        var node = tree.Lookup(path);
        if (node is null) return -Errno.ENOENT;
        if ((mask & W_OK) != 0) return -Errno.EROFS;
        if ((mask & X_OK) != 0 && node is VfsFile) return -Errno.EACCES;
        return 0;
    }

    public int Open(string path, FuseFileInfo* info)
    {
        if ((info->Flags & O_ACCMODE) != 0) return -Errno.EROFS;
        var node = tree.Lookup(path);
        if (node is not VfsFile file) return node is null ? -Errno.ENOENT : -Errno.EISDIR;
        var handle = (ulong)Interlocked.Increment(ref _lastHandle);
        _open[handle] = new OpenFile(path, file);
        info->Handle = handle;
        // A file produced whole may be listed as 0 bytes (its size is unknown until produced): direct_io makes the
        // kernel send every read here instead of cutting it at a cached st_size (libfuse fuse_common.h, direct_io).
        info->Bits |= file.ProducedWhole ? FuseFileInfo.DirectIo : FuseFileInfo.KeepCache;
        return 0;
    }

    public int Release(FuseFileInfo* info)
    {
        _open.TryRemove(info->Handle, out _);
        return 0;
    }

    /// <summary>Fills the whole request: a short count tells the kernel the file ends there (it would shrink i_size).</summary>
    public int Read(FuseFileInfo* info, Span<byte> destination, long offset)
    {
        if (!_open.TryGetValue(info->Handle, out var open)) return -Errno.EBADF;
        if (offset < 0) return -Errno.EINVAL;
        var total = 0;
        try
        {
            while (total < destination.Length)
            {
                var n = open.File.Read(offset + total, destination[total..]);
                if (n <= 0) break;
                total += n;
            }
        }
        catch (IOException e)
        {
            return ErrorLog.Failed("read", open.Path, offset, e);
        }
        return total;
    }

    /// <summary>
    /// read_buf: a plain range of an evidence file is answered with that file's descriptor and position, so libfuse
    /// splices it into /dev/fuse (or, where it cannot, reads it itself); any other read fills a malloc'd buffer as
    /// <see cref="Read"/> does. libfuse frees the vector and that buffer (fuse_free_buf).
    /// </summary>
    public int ReadBuffer(FuseFileInfo* info, FuseBufferVector** result, nuint size, long offset)
    {
        if (!_open.TryGetValue(info->Handle, out var open)) return -Errno.EBADF;
        if (offset < 0) return -Errno.EINVAL;
        var length = (int)Math.Min((long)size, Math.Max(0, open.File.Length - offset));
        var vector = (FuseBufferVector*)NativeMemory.AllocZeroed(FuseBufferVector.Allocated);
        vector->Count = 1;
        if (length > 0 && open.File.PlainRange(offset, length) is { } range)
        {
            vector->Size = (nuint)length;
            vector->Flags = FuseBufferVector.FileAtPosition;
            vector->FileDescriptor = (int)range.File.DangerousGetHandle();
            vector->Position = range.Position;
            *result = vector;
            return 0;
        }
        var memory = NativeMemory.Alloc(size == 0 ? 1 : size);
        vector->Memory = (nint)memory;
        *result = vector;
        var n = Read(info, new Span<byte>(memory, checked((int)size)), offset);
        if (n < 0) return n; // libfuse still frees the vector and its memory
        vector->Size = (nuint)n;
        return 0;
    }

    public long Seek(FuseFileInfo* info, long offset, int whence)
    {
        if (!_open.TryGetValue(info->Handle, out var open)) return -Errno.EBADF;
        var file = open.File;
        if (whence is SEEK_DATA or SEEK_HOLE)
        {
            if (offset < 0) return -Errno.ENXIO;
            return (whence == SEEK_DATA ? file.SeekData(offset) : file.SeekHole(offset)) ?? -Errno.ENXIO;
        }
        var position = whence switch
        {
            SEEK_SET or SEEK_CUR => offset, // the kernel resolves SEEK_CUR itself and never sends it
            SEEK_END => file.Length + offset,
            _ => -1,
        };
        return position < 0 ? -Errno.EINVAL : position;
    }

    public int OpenDirectory(string path, FuseFileInfo* info)
    {
        var node = tree.Lookup(path);
        if (node is not VfsDirectory) return node is null ? -Errno.ENOENT : -Errno.ENOTDIR;
        info->Bits |= FuseFileInfo.KeepCache | FuseFileInfo.CacheReaddir;
        return 0;
    }

    /// <summary>Lists the whole directory in one call (offset 0 for every entry), with full stats when asked for plus.</summary>
    public int ReadDirectory(string path, void* buffer, delegate* unmanaged<void*, byte*, NativeStat*, long, int, int> fill, int flags)
    {
        var node = tree.Lookup(path);
        if (node is not VfsDirectory directory) return node is null ? -Errno.ENOENT : -Errno.ENOTDIR;
        var fillFlags = (flags & FUSE_READDIR_PLUS) != 0 ? FUSE_FILL_DIR_PLUS : 0;
        var self = NativeStat.For(directory, _uid, _gid);
        if (Fill(fill, buffer, ".", self, fillFlags) != 0 || Fill(fill, buffer, "..", self, fillFlags) != 0) return 0;
        foreach (var child in directory.Children)
        {
            // A file whose size is known only once it is rendered (a picture, a report over a whole image) is listed
            // by name and type; its attributes are produced when a tool asks for them (ls -l), not by every ls.
            var cheap = child is not VfsFile { LengthKnown: false };
            var stat = cheap ? NativeStat.For(child, _uid, _gid) : NativeStat.TypeOnly(child);
            if (Fill(fill, buffer, child.Name, stat, cheap ? fillFlags : 0) != 0) break;
        }
        return 0;
    }

    public static int StatFs(NativeStatVfs* stat)
    {
        *stat = new NativeStatVfs { BlockSize = 4096, FragmentSize = 4096, Flags = NativeStatVfs.ReadOnlyFlag, NameMax = 255 };
        return 0;
    }

    private static int Fill(delegate* unmanaged<void*, byte*, NativeStat*, long, int, int> fill, void* buffer, string name, NativeStat stat, int flags)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        Span<byte> utf8 = length < 1024 ? stackalloc byte[length + 1] : new byte[length + 1];
        Encoding.UTF8.GetBytes(name, utf8);
        utf8[length] = 0;
        fixed (byte* p = utf8)
            return fill(buffer, p, &stat, 0, flags);
    }
}

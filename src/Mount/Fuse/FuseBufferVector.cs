using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>
/// <c>struct fuse_bufvec</c> with its one <c>struct fuse_buf</c> (fuse_common.h, 3.0 to 3.16: count, idx, off, then
/// size, flags, mem, fd, pos). The read_buf operation allocates it with malloc and libfuse frees it (fuse_free_buf):
/// the memory too unless the buffer is an fd.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct FuseBufferVector
{
    /// <summary>FUSE_BUF_IS_FD | FUSE_BUF_FD_SEEK: the bytes are read from fd at pos (spliced when the kernel allows).</summary>
    public const int FileAtPosition = 1 << 1 | 1 << 2;

    /// <summary>Allocated zeroed and larger than declared: later libfuse releases append fields to struct fuse_buf.</summary>
    public const int Allocated = 128;

    [FieldOffset(0)] public nuint Count;
    [FieldOffset(8)] public nuint Index;
    [FieldOffset(16)] public nuint Offset;
    [FieldOffset(24)] public nuint Size;
    [FieldOffset(32)] public int Flags;
    [FieldOffset(40)] public nint Memory;
    [FieldOffset(48)] public int FileDescriptor;
    [FieldOffset(56)] public long Position;
}

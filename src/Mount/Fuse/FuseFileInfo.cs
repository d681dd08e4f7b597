using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>
/// <c>struct fuse_file_info</c>: flags@0, a bit word@4, fh@16; stable from 3.0 to HEAD. libfuse allocates it (40 bytes
/// in 3.14), so only these fields are declared (fuse_common.h).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct FuseFileInfo
{
    public const uint DirectIo = 0x2;
    public const uint KeepCache = 0x4;
    public const uint CacheReaddir = 0x40;

    [FieldOffset(0)] public int Flags;
    [FieldOffset(4)] public uint Bits;
    [FieldOffset(16)] public ulong Handle;
}

using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>The stable head (offsets 0…36) of <c>struct fuse_conn_info</c> handed to init (fuse_common.h).</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseConnInfo
{
    /// <summary>FUSE_CAP_SPLICE_WRITE: replies may be spliced into /dev/fuse from a pipe (fuse_common.h).</summary>
    public const uint SpliceWrite = 1 << 7;

    [FieldOffset(12)] public uint MaxRead;
    [FieldOffset(20)] public uint Capable;
    [FieldOffset(24)] public uint Want;
}

using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>The stable head (offsets 0…36) of <c>struct fuse_conn_info</c> handed to init (fuse_common.h).</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseConnInfo
{
    [FieldOffset(12)] public uint MaxRead;
}

using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>
/// The head of <c>struct fuse_config</c> handed to init. Fields after auto_cache (80) moved between releases, so only
/// offsets ≤ 80 are declared (3.11 inserted no_rofd_flush at 84, 3.17 moved it); timeouts come from the option string
/// instead.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 84)]
internal struct FuseConfig
{
    [FieldOffset(64)] public int UseIno;
    [FieldOffset(76)] public int KernelCache;
}

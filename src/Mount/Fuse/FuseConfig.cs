using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>
/// The head of <c>struct fuse_config</c> handed to init. Fields after auto_cache (80) moved between releases, so only
/// offsets ≤ 80 are declared (fuse.md §1.1); timeouts come from the option string instead.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 84)]
internal struct FuseConfig
{
    [FieldOffset(64)] public int UseIno;
    [FieldOffset(76)] public int KernelCache;
}

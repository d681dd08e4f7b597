using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary><c>struct fuse_args</c>: argc@0, argv@8, allocated@16; filled by fuse_opt_add_arg, which copies strings.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseArgs
{
    public int Count;
    public nint Values;
    public int Allocated;
}

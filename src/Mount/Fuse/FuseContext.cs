using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary><c>struct fuse_context</c> of the current request: fuse@0, uid@8, gid@12, pid@16, private_data@24.</summary>
[StructLayout(LayoutKind.Explicit, Size = 40)]
internal struct FuseContext
{
    [FieldOffset(24)] public nint PrivateData;
}

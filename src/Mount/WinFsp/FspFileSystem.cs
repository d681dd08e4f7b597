using System.Runtime.InteropServices;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// The start of <c>FSP_FILE_SYSTEM</c> (792 bytes on 64-bit, winfsp.h static assert): only UserContext, the PVOID after
/// the UINT16 Version (offset 8 on 64-bit), is ours. It holds the GCHandle of the mount's <see cref="WinFspFileSystem"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FspFileSystem
{
    public ushort Version;
    public nint UserContext;
}

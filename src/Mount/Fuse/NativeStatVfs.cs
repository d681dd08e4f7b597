using System.Runtime.InteropServices;

namespace MemFs.Mount.Fuse;

/// <summary>glibc x86-64 <c>struct statvfs</c>, 112 bytes: eight-byte fields at 0, 8, …, 80.</summary>
[StructLayout(LayoutKind.Explicit, Size = 112)]
internal struct NativeStatVfs
{
    public const ulong ReadOnlyFlag = 1; // ST_RDONLY

    [FieldOffset(0)] public ulong BlockSize;
    [FieldOffset(8)] public ulong FragmentSize;
    [FieldOffset(72)] public ulong Flags;
    [FieldOffset(80)] public ulong NameMax;
}

using System.Runtime.InteropServices;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.Fuse;

/// <summary>glibc x86-64 <c>struct stat</c>, 144 bytes.</summary>
[StructLayout(LayoutKind.Explicit, Size = 144)]
internal struct NativeStat
{
    private const uint S_IFDIR = 0x4000;
    private const uint S_IFREG = 0x8000;
    private const long BlockSize = 4096;

    [FieldOffset(16)] public ulong Links;
    [FieldOffset(24)] public uint Mode;
    [FieldOffset(28)] public uint Uid;
    [FieldOffset(32)] public uint Gid;
    [FieldOffset(48)] public long Size;
    [FieldOffset(56)] public long BlockSizeHint;
    [FieldOffset(64)] public long Blocks;
    [FieldOffset(72)] public NativeTime AccessTime;
    [FieldOffset(88)] public NativeTime ModificationTime;
    [FieldOffset(104)] public NativeTime ChangeTime;

    /// <summary>Only the file type, for a listing entry whose size is not known yet (the kernel asks for the rest on lookup).</summary>
    public static NativeStat TypeOnly(VfsNode node) => new() { Mode = node is VfsFile ? S_IFREG | 0b100_100_100 : S_IFDIR | 0b101_101_101 };

    public static NativeStat For(VfsNode node, uint uid, uint gid)
    {
        var time = NativeTime.From(node.Time);
        var stat = new NativeStat
        {
            Uid = uid, Gid = gid, BlockSizeHint = BlockSize,
            AccessTime = time, ModificationTime = time, ChangeTime = time,
        };
        if (node is VfsFile file)
        {
            stat.Mode = S_IFREG | 0b100_100_100;
            stat.Links = 1;
            // A file produced whole is 0 bytes until it has been read once (like /proc files): it is opened with
            // direct_io, so reads go to the end the producer gives, not to st_size.
            if (!file.LengthKnown) return stat;
            stat.Size = file.Length;
            stat.Blocks = (file.AllocatedBytes + 511) / 512;
        }
        else
        {
            stat.Mode = S_IFDIR | 0b101_101_101;
            stat.Links = 2;
        }
        return stat;
    }
}

using System.Runtime.InteropServices;
using MemFs.Vfs.Tree;

namespace MemFs.Mount.WinFsp;

/// <summary><c>FSP_FSCTL_FILE_INFO</c>, 72 bytes (fsctl.h static assert): what Windows sees of a file or directory.</summary>
[StructLayout(LayoutKind.Explicit, Size = 72)]
internal struct FspFileInfo
{
    public const uint FILE_ATTRIBUTE_READONLY = 0x1;
    public const uint FILE_ATTRIBUTE_DIRECTORY = 0x10;

    /// <summary>The allocation unit the volume reports (SectorSize × SectorsPerAllocationUnit in <see cref="FspVolumeParams"/>).</summary>
    public const long AllocationUnit = 4096;

    [FieldOffset(0)] public uint FileAttributes;
    [FieldOffset(4)] public uint ReparseTag;
    [FieldOffset(8)] public ulong AllocationSize;
    [FieldOffset(16)] public ulong FileSize;
    [FieldOffset(24)] public ulong CreationTime;
    [FieldOffset(32)] public ulong LastAccessTime;
    [FieldOffset(40)] public ulong LastWriteTime;
    [FieldOffset(48)] public ulong ChangeTime;
    [FieldOffset(56)] public ulong IndexNumber;
    [FieldOffset(64)] public uint HardLinks;
    [FieldOffset(68)] public uint EaSize;

    /// <summary>
    /// A read-only file (FileSize = Length, AllocationSize = the backed bytes rounded up to 4 KiB, so Explorer's "size on
    /// disk" of a sparse vmem is what it holds) or a directory; every time is the node's time.
    /// </summary>
    public static FspFileInfo For(VfsNode node, ulong indexNumber)
    {
        var time = FileTime.From(node.Time);
        var info = new FspFileInfo
        {
            CreationTime = time, LastAccessTime = time, LastWriteTime = time, ChangeTime = time,
            FileAttributes = AttributesOf(node), IndexNumber = indexNumber,
        };
        if (node is VfsFile file)
        {
            info.FileSize = (ulong)file.Length;
            info.AllocationSize = (ulong)((file.AllocatedBytes + AllocationUnit - 1) / AllocationUnit * AllocationUnit);
        }
        return info;
    }

    /// <summary>The attributes alone, without producing a file's content (GetSecurityByName asks for nothing more).</summary>
    public static uint AttributesOf(VfsNode node) => node is VfsFile ? FILE_ATTRIBUTE_READONLY : FILE_ATTRIBUTE_DIRECTORY;
}

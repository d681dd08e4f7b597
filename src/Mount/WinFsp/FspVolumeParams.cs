using System.Runtime.InteropServices;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// <c>FSP_FSCTL_VOLUME_PARAMS</c>, 504 bytes (fsctl.h static assert; the first 456 are the V0 layout). The C bit-fields
/// after FileInfoTimeout form one 32-bit word, allocated from bit 0 by MSVC; the flag values are those bits.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 504)]
internal unsafe struct FspVolumeParams
{
    public const uint CaseSensitiveSearch = 0x1;
    public const uint CasePreservedNames = 0x2;
    public const uint UnicodeOnDisk = 0x4;
    public const uint PersistentAcls = 0x8;
    public const uint ReadOnlyVolume = 0x200;
    public const uint PassQueryDirectoryFileName = 0x2000;
    public const uint UmFileContextIsUserContext2 = 0x10000;

    public const int PrefixCapacity = 192;
    public const int FileSystemNameCapacity = 16;

    /// <summary>FileInfoTimeout of 0xFFFFFFFF: metadata never expires and the FSD lets the cache manager keep file data.</summary>
    public const uint InfiniteTimeout = uint.MaxValue;

    [FieldOffset(0)] public ushort Version;
    [FieldOffset(2)] public ushort SectorSize;
    [FieldOffset(4)] public ushort SectorsPerAllocationUnit;
    [FieldOffset(6)] public ushort MaxComponentLength;
    [FieldOffset(8)] public ulong VolumeCreationTime;
    [FieldOffset(16)] public uint VolumeSerialNumber;
    [FieldOffset(20)] public uint TransactTimeout;
    [FieldOffset(24)] public uint IrpTimeout;
    [FieldOffset(28)] public uint IrpCapacity;
    [FieldOffset(32)] public uint FileInfoTimeout;
    [FieldOffset(36)] public uint Flags;
    [FieldOffset(40)] public fixed char Prefix[PrefixCapacity];
    [FieldOffset(424)] public fixed char FileSystemName[FileSystemNameCapacity];
    [FieldOffset(456)] public uint AdditionalFlags;
    [FieldOffset(460)] public uint VolumeInfoTimeout;
    [FieldOffset(464)] public uint DirInfoTimeout;
    [FieldOffset(468)] public uint SecurityTimeout;
    [FieldOffset(472)] public uint StreamInfoTimeout;
    [FieldOffset(476)] public uint EaTimeout;
    [FieldOffset(480)] public uint FsextControlCode;

    /// <summary>
    /// A read-only disk volume whose names are case-sensitive (the tree's are; a case-insensitive lookup would need a
    /// tree that tolerates it), cached forever (the image never changes), with a 4 KiB allocation unit (512 × 8) so
    /// AllocationSize rounds as <see cref="FspFileInfo.For"/> does. File contexts are per open (UserContext2), and
    /// exact-name queries go to GetDirInfoByName so names produced on lookup (vtop/&lt;address&gt;.txt) can be found.
    /// </summary>
    public static FspVolumeParams ReadOnly(string fileSystemName, ulong creationTime)
    {
        var parameters = new FspVolumeParams
        {
            Version = (ushort)sizeof(FspVolumeParams),
            SectorSize = 512,
            SectorsPerAllocationUnit = (ushort)(FspFileInfo.AllocationUnit / 512),
            MaxComponentLength = 255,
            VolumeCreationTime = creationTime,
            VolumeSerialNumber = (uint)(creationTime >> 32 ^ creationTime),
            FileInfoTimeout = InfiniteTimeout,
            Flags = CaseSensitiveSearch | CasePreservedNames | UnicodeOnDisk | PersistentAcls | ReadOnlyVolume
                | PassQueryDirectoryFileName | UmFileContextIsUserContext2,
        };
        var length = Math.Min(fileSystemName.Length, FileSystemNameCapacity - 1); // keeps the terminating zero
        fileSystemName.AsSpan(0, length).CopyTo(new Span<char>(parameters.FileSystemName, FileSystemNameCapacity));
        return parameters;
    }
}

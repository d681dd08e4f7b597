using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MemFs.Mount.WinFsp;

/// <summary>
/// <c>FSP_FSCTL_DIR_INFO</c> (fsctl.h): UINT16 Size (the whole entry in bytes), FSP_FSCTL_FILE_INFO at offset 8 (it
/// holds UINT64s), a 24-byte union (NextOffset/Padding) at 80, then the name in UTF-16 without a terminating zero at
/// 104, the struct's static-asserted size. Entries are built in byte buffers and handed to the directory buffer.
/// </summary>
internal static class FspDirInfo
{
    public const int SizeOffset = 0;
    public const int FileInfoOffset = 8;
    public const int NameOffset = 104;

    /// <summary>The longest name an entry can carry: Size is a UINT16.</summary>
    public const int MaxNameLength = (ushort.MaxValue - NameOffset) / sizeof(char);

    /// <summary>Names GetDirInfoByName may return: WinFsp gives it room for 255 characters after the header.</summary>
    public const int ByNameCapacity = 255;

    /// <summary>The bytes GetDirInfoByName's entry has: the header and <see cref="ByNameCapacity"/> characters.</summary>
    public const int ByNameSize = NameOffset + ByNameCapacity * sizeof(char);

    public static int SizeOf(string name) => NameOffset + name.Length * sizeof(char);

    /// <summary>
    /// Writes the entry for <paramref name="name"/> at the start of <paramref name="destination"/> and returns its size, or
    /// 0 when it does not fit or the name is too long for an entry.
    /// </summary>
    public static int Write(string name, in FspFileInfo info, Span<byte> destination)
    {
        var size = SizeOf(name);
        if (name.Length > MaxNameLength || size > destination.Length) return 0;
        var entry = destination[..size];
        entry[..NameOffset].Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(entry[SizeOffset..], (ushort)size);
        MemoryMarshal.Write(entry[FileInfoOffset..], in info);
        MemoryMarshal.AsBytes(name.AsSpan()).CopyTo(entry[NameOffset..]);
        return size;
    }
}

using System.Buffers.Binary;
using System.Text;
using MemFs.Vfs.Producers;

namespace MemFs.Vfs.Modules.UnloadedModules;

/// <summary>
/// The x64 RTL_UNLOAD_EVENT_TRACE record (RtlGetUnloadEventTrace's documented structure, plus the ULONG Version[2]
/// System Informer's phnt headers give): BaseAddress, SizeOfImage (SIZE_T), Sequence, TimeDateStamp, CheckSum,
/// ImageName WCHAR[32], Version; 0x68 bytes with the alignment padding. An all-zero record is a slot not used yet.
/// </summary>
internal static class UnloadEventRecord
{
    public const int Size = 0x68;
    public const int NameChars = 32;
    private const int SizeOfImageField = 8;
    private const int SequenceField = 16;
    private const int TimeDateStampField = 20;
    private const int CheckSumField = 24;
    private const int NameField = 28;

    /// <summary>An image the loader would map: at most what a PE header may claim (<see cref="MemFs.Translate.Windows.Kernel.PeImageView.MaxImageSize"/>).</summary>
    private const ulong MaxImageSize = MemFs.Translate.Windows.Kernel.PeImageView.MaxImageSize;

    /// <summary>The module <paramref name="record"/> names; null for an empty slot (<paramref name="why"/> null) or a
    /// record that cannot be one (<paramref name="why"/> says which field is wrong).</summary>
    public static UnloadedModule? Parse(ReadOnlySpan<byte> record, out string? why)
    {
        why = null;
        if (!record.ContainsAnyExcept((byte)0)) return null;
        var imageBase = BinaryPrimitives.ReadUInt64LittleEndian(record);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(record[SizeOfImageField..]);
        if (imageBase == 0 || imageBase >= ProcessView.UserSpace) return Fail(out why, $"BaseAddress 0x{imageBase:X} is not a user-mode address");
        if (size == 0 || size > MaxImageSize || imageBase + size > ProcessView.UserSpace)
            return Fail(out why, $"SizeOfImage 0x{size:X} is not a plausible image size at 0x{imageBase:X}");
        var name = record.Slice(NameField, NameChars * 2);
        var length = -1;
        for (var i = 0; i < NameChars && length < 0; i++)
            if (BinaryPrimitives.ReadUInt16LittleEndian(name[(2 * i)..]) == 0) length = i;
        if (length < 0) return Fail(out why, $"ImageName has no NUL within its {NameChars} characters");
        if (length == 0) return Fail(out why, "ImageName is empty");
        return new UnloadedModule(imageBase, size, BinaryPrimitives.ReadUInt32LittleEndian(record[SequenceField..]),
            BinaryPrimitives.ReadUInt32LittleEndian(record[TimeDateStampField..]), BinaryPrimitives.ReadUInt32LittleEndian(record[CheckSumField..]),
            Encoding.Unicode.GetString(name[..(2 * length)]));
    }

    private static UnloadedModule? Fail(out string? why, string reason)
    {
        why = reason;
        return null;
    }
}

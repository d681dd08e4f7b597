using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// The start of a KDDEBUGGER_DATA64 copy: OwnerTag "KDBG" +0x10, Size u32 +0x14, KernBase u64 +0x18,
/// PsLoadedModuleList u64 +0x48, PsActiveProcessHead u64 +0x50.
/// </summary>
internal sealed record KdDebuggerData64(long Offset, uint Size, ulong KernBase, ulong PsLoadedModuleList, ulong PsActiveProcessHead)
{
    public const int MinimumSize = 0x58;

    private const int OwnerTag = 0x10;
    private const int SizeField = 0x14;
    private const int KernBaseField = 0x18;
    private const int PsLoadedModuleListField = 0x48;
    private const int PsActiveProcessHeadField = 0x50;

    /// <summary>The block at <paramref name="offset"/>, or null when it does not carry the "KDBG" tag.</summary>
    public static KdDebuggerData64? Read(IByteSource source, long offset, string field, long fieldOffset)
    {
        if (offset < 0 || offset > source.Length - MinimumSize)
            throw new ImageFormatException(source.Name, fieldOffset,
                $"{field} 0x{offset:X}: KDDEBUGGER_DATA64 (0x{MinimumSize:X} bytes) lies outside the file (0x{source.Length:X} bytes)");
        var b = source.ReadStructure(offset, MinimumSize, "KDDEBUGGER_DATA64");
        if (!b.Bytes(OwnerTag, 4).SequenceEqual("KDBG"u8)) return null;
        return new KdDebuggerData64(offset, b.U32(SizeField, "Size"), b.U64(KernBaseField, "KernBase"),
            b.U64(PsLoadedModuleListField, "PsLoadedModuleList"), b.U64(PsActiveProcessHeadField, "PsActiveProcessHead"));
    }
}

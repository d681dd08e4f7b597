using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// A triage dump's driver list: DriverCount 0x90-byte entries at DriverListOffset. Each holds the file offset
/// of its name (u32 +0, a string-pool record: u32 length in UTF-16 characters, then the text), padding, and a
/// KLDR_DATA_TABLE_ENTRY64 at +8 (DllBase at its +0x30, SizeOfImage at +0x40, TimeDateStamp at +0x80).
/// </summary>
public static class TriageDriverList
{
    public const int EntrySize = 0x90;
    public const int MaxDrivers = 4096;

    private const int LdrEntry = 8;
    private const int MaxNameCharacters = ushort.MaxValue / 2;

    public static IReadOnlyList<DumpModule> Read(IByteSource source, TriageDump64 triage)
    {
        var file = source.Name;
        if (triage.DriverCount > MaxDrivers)
            throw new ImageFormatException(file, triage.Offset + TriageDump64.DriverCountField,
                $"TRIAGE_DUMP64.DriverCount is {triage.DriverCount}, more than the {MaxDrivers} drivers a triage dump can list");
        var listBytes = (long)triage.DriverCount * EntrySize;
        if (triage.DriverListOffset + listBytes > source.Length)
            throw new ImageFormatException(file, triage.Offset + TriageDump64.DriverListOffsetField,
                $"TRIAGE_DUMP64.DriverListOffset 0x{triage.DriverListOffset:X} with DriverCount {triage.DriverCount} (0x{EntrySize:X}-byte entries) reaches past the end of the file (0x{source.Length:X} bytes)");
        var list = source.ReadBlock(triage.DriverListOffset, (int)listBytes, "TRIAGE_DUMP64 driver list");
        var modules = new DumpModule[triage.DriverCount];
        for (var i = 0; i < modules.Length; i++)
        {
            var entry = list.AsSpan(i * EntrySize, EntrySize);
            var entryOffset = triage.DriverListOffset + (long)i * EntrySize;
            var path = ReadName(source, BinaryPrimitives.ReadUInt32LittleEndian(entry), i, entryOffset);
            modules[i] = new DumpModule(path,
                BinaryPrimitives.ReadUInt64LittleEndian(entry[(LdrEntry + 0x30)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[(LdrEntry + 0x40)..]),
                BinaryPrimitives.ReadUInt32LittleEndian(entry[(LdrEntry + 0x80)..]));
        }
        return modules;
    }

    private static string ReadName(IByteSource source, uint nameOffset, int index, long entryOffset)
    {
        if (nameOffset > source.Length - 4)
            throw new ImageFormatException(source.Name, entryOffset,
                $"TRIAGE_DUMP64 driver entry {index}: name offset 0x{nameOffset:X} lies outside the file (0x{source.Length:X} bytes)");
        Span<byte> lengthField = stackalloc byte[4];
        source.ReadExactly(nameOffset, lengthField, $"driver entry {index} name length");
        var characters = BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        if (characters > MaxNameCharacters || nameOffset + 4 + characters * 2L > source.Length)
            throw new ImageFormatException(source.Name, entryOffset,
                $"TRIAGE_DUMP64 driver entry {index}: the name at 0x{nameOffset:X} claims {characters} characters, which do not fit in the file (0x{source.Length:X} bytes)");
        var text = source.ReadBlock(nameOffset + 4, (int)characters * 2, $"driver entry {index} name");
        return Encoding.Unicode.GetString(text).TrimEnd('\0');
    }
}

using MemFs.Translate.Physical.Sources;

namespace MemFs.Translate.Physical.CrashDump;

/// <summary>
/// A triage dump's driver list: DriverCount 0x90-byte entries at DriverListOffset. Each holds the file offset
/// of its name (u32 +0, a string-pool record: u32 length in UTF-16 characters, then the text), padding, and a
/// KLDR_DATA_TABLE_ENTRY64 at +8 (DllBase at its +0x30, SizeOfImage at +0x40, TimeDateStamp at +0x80).
/// </summary>
internal static class TriageDriverList
{
    public const int EntrySize = 0x90;
    public const int MaxDrivers = 4096;

    private const int DriverNameOffset = 0x0;
    private const int LdrEntry = 8;
    // KLDR_DATA_TABLE_ENTRY64 fields, relative to the entry.
    private const int DllBase = LdrEntry + 0x30;
    private const int SizeOfImage = LdrEntry + 0x40;
    private const int TimeDateStamp = LdrEntry + 0x80;
    private const int NameLength = 0x0;
    private const int NameText = 0x4;
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
        var list = source.ReadStructure(triage.DriverListOffset, (int)listBytes, "TRIAGE_DUMP64 driver list");
        var modules = new DumpModule[triage.DriverCount];
        for (var i = 0; i < modules.Length; i++)
        {
            var entry = list.Slice(i * EntrySize, EntrySize, "DUMP_DRIVER_ENTRY64");
            var path = ReadName(source, entry.U32(DriverNameOffset), i, entry.Origin);
            modules[i] = new DumpModule(path, entry.U64(DllBase), entry.U32(SizeOfImage), entry.U32(TimeDateStamp));
        }
        return modules;
    }

    private static string ReadName(IByteSource source, uint nameOffset, int index, long entryOffset)
    {
        if (nameOffset > source.Length - 4)
            throw new ImageFormatException(source.Name, entryOffset,
                $"TRIAGE_DUMP64 driver entry {index}: name offset 0x{nameOffset:X} lies outside the file (0x{source.Length:X} bytes)");
        var characters = source.ReadStructure(nameOffset, 4, $"driver entry {index} name length").U32(NameLength);
        if (characters > MaxNameCharacters || nameOffset + 4 + characters * 2L > source.Length)
            throw new ImageFormatException(source.Name, entryOffset,
                $"TRIAGE_DUMP64 driver entry {index}: the name at 0x{nameOffset:X} claims {characters} characters, which do not fit in the file (0x{source.Length:X} bytes)");
        var text = source.ReadStructure(nameOffset + NameText, (int)characters * 2, $"driver entry {index} name");
        return text.Utf16(0, characters).TrimEnd('\0');
    }
}

namespace MemFs.Vfs.Minidump;

/// <summary>
/// Memory64ListStream: NumberOfMemoryRanges and BaseRva (both 64-bit), then a 16-byte MINIDUMP_MEMORY_DESCRIPTOR64
/// (StartOfMemoryRange, DataSize) per run. The runs' bytes follow one another from BaseRva, the end of the prefix.
/// </summary>
internal sealed class Memory64ListStream(IReadOnlyList<MemoryRun> runs, Func<long> dataStart) : IMinidumpStream
{
    public const int HeaderSize = 16;
    public const int EntrySize = 16;

    public uint Type => MinidumpStreamType.Memory64List;
    public MinidumpLocation Location { get; private set; }

    public void Place(PrefixAllocator allocator) => Location = allocator.Place(HeaderSize + (long)EntrySize * runs.Count);

    public void Write(MinidumpWriter writer)
    {
        var at = (long)Location.Rva;
        writer.U64(at, (ulong)runs.Count);
        writer.U64(at + 8, (ulong)dataStart());
        for (var i = 0; i < runs.Count; i++)
        {
            writer.U64(at + HeaderSize + (long)EntrySize * i, runs[i].Va);
            writer.U64(at + HeaderSize + (long)EntrySize * i + 8, (ulong)runs[i].Length);
        }
    }
}

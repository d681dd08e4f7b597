namespace MemFs.Vfs.Minidump;

/// <summary>
/// MemoryInfoListStream: a 16-byte MINIDUMP_MEMORY_INFO_LIST header (SizeOfHeader, SizeOfEntry, NumberOfEntries), then a
/// 48-byte MINIDUMP_MEMORY_INFO per region (BaseAddress, AllocationBase, AllocationProtect, RegionSize, State, Protect, Type).
/// </summary>
internal sealed class MemoryInfoListStream(IReadOnlyList<MemoryRegion> regions) : IMinidumpStream
{
    public const int HeaderSize = 16;
    public const int EntrySize = 48;

    public uint Type => MinidumpStreamType.MemoryInfoList;
    public MinidumpLocation Location { get; private set; }

    public void Place(PrefixAllocator allocator) => Location = allocator.Place(HeaderSize + (long)EntrySize * regions.Count);

    public void Write(MinidumpWriter writer)
    {
        var at = (long)Location.Rva;
        writer.U32(at, HeaderSize);
        writer.U32(at + 4, EntrySize);
        writer.U64(at + 8, (ulong)regions.Count);
        for (var i = 0; i < regions.Count; i++)
        {
            var (entry, region) = (at + HeaderSize + (long)EntrySize * i, regions[i]);
            writer.U64(entry, region.Base);
            writer.U64(entry + 8, region.AllocationBase);
            writer.U32(entry + 16, region.AllocationProtect);
            writer.U64(entry + 24, region.Size);
            writer.U32(entry + 32, region.State);
            writer.U32(entry + 36, region.Protect);
            writer.U32(entry + 40, region.Type);
        }
    }
}

using System.Buffers.Binary;
using System.Numerics;
using MemFs.Aff4.Caching;
using MemFs.Translate.Paging;
using MemFs.Translate.Paging.Compression;
using static MemFs.Translate.Windows.MemoryCompression.StoreLayout;

namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// The Windows 10/11 compressed store (virtual store) as the memory manager keeps it: page key → KeyToStoreTree →
/// store index → _SMKM_STORE_METADATA → SMKM_STORE → PagesTree → chunk metadata → page record → region pointer
/// array → region in MemCompression's user space + offset + compressed size → XPRESS or LZ4 page (the walk of
/// MemProcFS's mm_win.c). Every hop is checked; a page either comes back whole with the steps that found it, or
/// fails with the hop that broke. Decompressed pages are kept in the session's chunk cache.
/// </summary>
internal sealed class CompressedStore
{
    /// <summary>Bit 24 of a KeyToStoreTree value marks the entry invalid.</summary>
    private const uint InvalidStoreEntry = 1u << 24;
    private const int RecordBytes = 12;
    private const int MaxPageRecordSize = 0x100;
    private const int MaxChunkPageHeader = 0x1000;
    private const uint MaxRecordIndex = 0xFFFF;
    private const uint MaxRegionIndex = 1u << 20;
    private const uint MaxRegionSizeMask = (16u << 20 >> 4) - 1;
    private const int RegionAlignment = 0x10000;

    private readonly Func<ulong, CompressionProcess?> _byEprocess;
    private readonly CompressionProcess? _byName;
    private readonly ChunkCache _pages;

    public CompressedStore(StoreLayout layout, uint build, SmGlobals globals, Func<ulong, CompressionProcess?> byEprocess, CompressionProcess? byName,
        string virtualStoreSource, ChunkCache pages)
    {
        Layout = layout;
        Build = build;
        Globals = globals;
        VirtualStoreSource = virtualStoreSource;
        _byEprocess = byEprocess;
        _byName = byName;
        _pages = pages;
    }

    public StoreLayout Layout { get; }
    public uint Build { get; }
    public SmGlobals Globals { get; }

    /// <summary>Where the virtual-store paging file number came from.</summary>
    public string VirtualStoreSource { get; }

    /// <summary>The page stored under <paramref name="key"/>; with a trace, the walk is taken again and every hop recorded.</summary>
    public StorePage Load(uint key, IStoreAccess access, ITraceSink trace)
    {
        try
        {
            if (trace.Enabled) return new StorePage(Walk(key, access, trace), null);
            return new StorePage(_pages.GetOrAdd(new ChunkKey(this, key), (store: this, key, access), static s => s.store.Walk(s.key, s.access, NoTrace.Instance)), null);
        }
        catch (StoreWalkException e)
        {
            return StorePage.Failed($"compressed store, page key 0x{key:X8}: {e.Message}");
        }
    }

    private byte[] Walk(uint key, IStoreAccess access, ITraceSink trace)
    {
        var memory = new StoreMemory(access.Kernel);
        var masked = key & Layout.KeyMask;
        Step(trace, $"compressed store: page key 0x{key:X8}" + (masked != key ? $" & 0x{Layout.KeyMask:X8} = 0x{masked:X8}" : "") +
                    $" (virtual store number: {VirtualStoreSource}); layout {Layout.Source}; {Globals}");
        var path = new List<string>();
        var root = memory.Pointer(Globals.Base + KeyToStoreTree, "SmGlobals.KeyToStoreTree");
        uint storeValue;
        try
        {
            storeValue = StoreBTree.Search(memory, root, masked, "KeyToStoreTree", path);
        }
        finally
        {
            Steps(trace, path);
        }
        if ((storeValue & InvalidStoreEntry) != 0)
            throw new StoreWalkException($"KeyToStoreTree value 0x{storeValue:X8} has bit 24 set: the store marks the entry invalid");
        return InStore(masked, storeValue & 0x3FF, memory, access, trace);
    }

    private byte[] InStore(uint key, uint index, StoreMemory memory, IStoreAccess access, ITraceSink trace)
    {
        var array = memory.Pointer(Globals.Base + (index >> 5) * 8, $"SmGlobals metadata array {index >> 5}");
        var metadata = array + (index & 0x1F) * MetadataEntrySize;
        var smkm = memory.Pointer(metadata + MetadataSmkmStore, $"_SMKM_STORE_METADATA[{index}] at 0x{metadata:X}: SmkmStore");
        var process = OwnerOf(smkm, memory);
        Step(trace, $"store index {index}: _SMKM_STORE_METADATA 0x{metadata:X} -> SMKM_STORE 0x{smkm:X}; regions in {process}");

        var path = new List<string>();
        var pagesRoot = memory.Pointer(smkm + PagesTree, "SMKM_STORE.PagesTree");
        uint regionKey;
        try
        {
            regionKey = StoreBTree.Search(memory, pagesRoot, key, "PagesTree", path);
        }
        finally
        {
            Steps(trace, path);
        }

        var (recordKey, compressedSize) = Record(smkm, regionKey, memory, trace);
        var (regionVa, offset, size) = Region(smkm, recordKey, compressedSize, memory, process, trace);
        var page = new byte[4096];
        if (size == 0)
        {
            Step(trace, "CompressedSize 0: a zero page (nothing is stored for it)");
            return page;
        }
        var compressed = new byte[size];
        if (!access.TryReadProcess(process.Dtb, process.Vads(), regionVa + offset, compressed, trace, out var why))
            throw new StoreWalkException($"0x{size:X} compressed bytes at 0x{regionVa + offset:X} in {process.Name} cannot be read: {why}");
        if (size == 4096)
        {
            Step(trace, "CompressedSize 0x1000: stored raw (the page did not compress)");
            return compressed;
        }
        var (decoder, source) = Decoder(smkm, memory);
        try
        {
            decoder.Decompress(compressed, page);
        }
        catch (InvalidDataException e)
        {
            throw new StoreWalkException($"{decoder.Algorithm} page of 0x{size:X} bytes at 0x{regionVa + offset:X} in {process.Name}: {e.Message}");
        }
        Step(trace, $"{decoder.Algorithm} ({source}): 0x{size:X} compressed bytes -> 4096 bytes");
        return page;
    }

    /// <summary>The page record the region key names, through the chunk metadata: {u32 Key, u32 CompressedSize, u32 NextKey}.</summary>
    private static (uint Key, uint CompressedSize) Record(ulong smkm, uint regionKey, StoreMemory memory, ITraceSink trace)
    {
        var chunk = new byte[ChunkMetadataSize];
        var at = smkm + ChunkMetadata;
        memory.Read(at, chunk, "SMKM_STORE chunk metadata");
        var bitValue = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(ChunkBitValue)) & 0xFF;
        var perChunkMask = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(ChunkPerChunkMask));
        var recordSize = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(ChunkPageRecordSize));
        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(ChunkPageHeaderSize));
        if (bitValue >= 32) throw new StoreWalkException($"chunk metadata 0x{at:X}: BitValue {bitValue} shifts out the whole region key");
        if (recordSize is < RecordBytes or > MaxPageRecordSize) throw new StoreWalkException($"chunk metadata 0x{at:X}: PageRecordSize 0x{recordSize:X} is outside 0x{RecordBytes:X}..0x{MaxPageRecordSize:X}");
        if (headerSize > MaxChunkPageHeader) throw new StoreWalkException($"chunk metadata 0x{at:X}: ChunkPageHeaderSize 0x{headerSize:X} is more than a page");
        if (perChunkMask > MaxRecordIndex) throw new StoreWalkException($"chunk metadata 0x{at:X}: PerChunkMask 0x{perChunkMask:X} is absurd (more than 0x{MaxRecordIndex:X} records per chunk)");
        var encoded = regionKey >> (int)bitValue;
        if (encoded == 0) throw new StoreWalkException($"region key 0x{regionKey:X8} >> BitValue {bitValue} is 0: it names no chunk");
        var chunkIndex = 31 - BitOperations.LeadingZeroCount(encoded);
        var entry = encoded ^ (1u << chunkIndex);
        var chunkPointer = BinaryPrimitives.ReadUInt64LittleEndian(chunk.AsSpan(chunkIndex * 8));
        StoreMemory.RequireKernelPointer(chunkPointer, $"chunk pointer {chunkIndex} of chunk metadata 0x{at:X}");
        var records = memory.Pointer(chunkPointer + (ulong)ChunkEntrySize * entry, $"record array {entry} of chunk {chunkIndex}");
        var recordIndex = regionKey & perChunkMask;
        var recordAt = records + headerSize + (ulong)recordSize * recordIndex;
        Span<byte> record = stackalloc byte[RecordBytes];
        memory.Read(recordAt, record, "page record");
        var key = BinaryPrimitives.ReadUInt32LittleEndian(record);
        var compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        Step(trace, $"region key 0x{regionKey:X8}: BitValue {bitValue} -> chunk {chunkIndex} entry {entry}, record array 0x{records:X}; " +
                    $"record {recordIndex} at 0x{recordAt:X} (header 0x{headerSize:X} + 0x{recordSize:X} each): Key 0x{key:X8}, CompressedSize 0x{compressedSize:X}");
        if (key == 0xFFFF_FFFF) throw new StoreWalkException($"page record 0x{recordAt:X} has Key 0xFFFFFFFF (no region; not supported)");
        return (key, compressedSize);
    }

    /// <summary>The region the record's key names, and where in it the compressed bytes are; every bound checked.</summary>
    private (ulong RegionVa, ulong Offset, int Size) Region(ulong smkm, uint recordKey, uint compressedSize, StoreMemory memory, CompressionProcess process, ITraceSink trace)
    {
        var shift = memory.U32(smkm + RegionIndexMask, "SMKM_STORE.RegionIndexMask") & 0xFF;
        var sizeMask = memory.U32(smkm + RegionSizeMask, "SMKM_STORE.RegionSizeMask");
        if (shift >= 32) throw new StoreWalkException($"SMKM_STORE 0x{smkm:X}: RegionIndexMask shift {shift} is 32 or more");
        if (sizeMask == 0 || (sizeMask & (sizeMask + 1)) != 0 || sizeMask > MaxRegionSizeMask)
            throw new StoreWalkException($"SMKM_STORE 0x{smkm:X}: RegionSizeMask 0x{sizeMask:X} is not 2^n-1 for a region of at most 16 MiB");
        var regionLength = ((ulong)sizeMask + 1) << 4;
        var regionIndex = recordKey >> (int)shift;
        if (regionIndex >= MaxRegionIndex) throw new StoreWalkException($"record Key 0x{recordKey:X8} names region {regionIndex}, more than the {MaxRegionIndex} a store can hold");
        var regions = memory.Pointer(smkm + (ulong)Layout.CompressedRegionPtrArray, "SMKM_STORE.CompressedRegionPtrArray");
        var regionVa = memory.U64(regions + 8UL * regionIndex, $"region pointer {regionIndex}");
        if (regionVa == 0 || (regionVa >> 47) != 0 || regionVa % RegionAlignment != 0)
            throw new StoreWalkException($"region {regionIndex} at 0x{regionVa:X} (pointer array 0x{regions:X}) is not a 64 KiB-aligned user address");
        if (process.Vads() is { } vads)
        {
            var vad = vads.FindVad(regionVa);
            if (vad is null) throw new StoreWalkException($"region {regionIndex} at 0x{regionVa:X} is inside no VAD of {process.Name}");
            if (regionVa + regionLength - 1 > vad.End)
                throw new StoreWalkException($"region {regionIndex} 0x{regionVa:X}+0x{regionLength:X} runs past the end of {process.Name}'s VAD 0x{vad.Start:X}-0x{vad.End:X}");
        }
        var offset = (ulong)(recordKey & sizeMask) << 4;
        var size = compressedSize == 0x1000 ? 0x1000 : (int)(compressedSize & 0xFFF);
        if (offset + (ulong)size > regionLength)
            throw new StoreWalkException($"record at offset 0x{offset:X} + 0x{size:X} bytes runs past region {regionIndex} (0x{regionLength:X} bytes at 0x{regionVa:X})");
        Step(trace, $"region {regionIndex} (Key >> {shift}) of pointer array 0x{regions:X}: 0x{regionVa:X} in {process.Name}, " +
                    $"offset (Key & 0x{sizeMask:X}) << 4 = 0x{offset:X}, 0x{size:X} bytes at 0x{regionVa + offset:X}");
        return (regionVa, offset, size);
    }

    private CompressionProcess OwnerOf(ulong smkm, StoreMemory memory)
    {
        ulong owner = 0;
        try
        {
            owner = memory.U64(smkm + (ulong)Layout.OwnerProcess, "SMKM_STORE.OwnerProcess");
        }
        catch (StoreWalkException)
        {
            // Unreadable: the process named MemCompression serves.
        }
        if (owner != 0 && _byEprocess(owner) is { } known) return known;
        return _byName ?? throw new StoreWalkException(
            $"no process holds the store's regions: none is named MemCompression and SMKM_STORE.OwnerProcess (0x{smkm + (ulong)Layout.OwnerProcess:X}) = 0x{owner:X} is no known process");
    }

    private (IPageDecompressor Decoder, string Source) Decoder(ulong smkm, StoreMemory memory)
    {
        if (Layout.CompressionAlgorithm is not { } field)
            return (PageDecompressors.ForStore((int)Build, 0), $"LZ4: build {Build} stores every page as an LZ4 block");
        var algorithm = memory.U16(smkm + (ulong)field, "SMKM_STORE.CompressionAlgorithm");
        try
        {
            return (PageDecompressors.ForStore((int)Build, algorithm), $"SMKM_STORE.CompressionAlgorithm at 0x{smkm + (ulong)field:X} = {algorithm}");
        }
        catch (NotSupportedException e)
        {
            throw new StoreWalkException(e.Message);
        }
    }

    private static void Steps(ITraceSink trace, List<string> path)
    {
        foreach (var line in path) Step(trace, line);
        path.Clear();
    }

    private static void Step(ITraceSink trace, string text)
    {
        if (trace.Enabled) trace.Add(new TraceStep(TraceStepKind.CompressedStore, text));
    }
}

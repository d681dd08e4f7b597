using System.Buffers.Binary;
using MemFs.Tests.Aff4.Codecs;
using MemFs.Tests.Translate.Paging;
using MemFs.Tests.Translate.Paging.Compression;
using MemFs.Translate.Windows;
using MemFs.Translate.Windows.MemoryCompression;
using static MemFs.Translate.Windows.MemoryCompression.StoreLayout;

namespace MemFs.Tests.Translate.Windows.MemoryCompression;

/// <summary>
/// Lays out a Windows compressed store in a <see cref="TestWindowsImage"/> with the structures of translation.md §2.8:
/// SM_GLOBALS (re-based on 22H2+) whose first metadata array is an <c>smSa</c> pool allocation, a page-aligned
/// KeyToStoreTree, _SMKM_STORE_METADATA, an SMKM_STORE with its PagesTree, chunk metadata (two record arrays in chunk
/// 1, so the highest-bit arithmetic is exercised), page records and a region pointer array; and the regions, 64 KiB
/// each, in a MemCompression address space, every region page held as <see cref="RegionPageState"/> says. The B+trees
/// get <see cref="LeafFanout"/> keys per leaf, so a handful of pages already needs an inner level.
/// </summary>
internal sealed class TestCompressedStore
{
    public const ulong RegionBase = 0x0000_0150_0000_0000;
    public const int RegionSize = 0x10000;
    public const int RegionShift = 12;
    public const uint RegionSizeMaskValue = 0xFFF;
    public const int ReadWrite = 4;
    public const int Regions = 4;
    public const int RegionSlots = 8;
    public const uint StoreIndex = 33;
    public const int RecordSize = 0x10;
    public const int RecordArrayHeader = 0x20;
    public const int BitValue = 8;
    public const int VirtualStoreNumber = 2;

    /// <summary>In <see cref="AddPrivatePages"/>: the page stored raw (it does not compress) and the zero page.</summary>
    public const int RawPage = 2;
    public const int ZeroPage = 3;

    private readonly List<(uint Key, StoredAs How, byte[] Content, byte[] Stored)> _pages = [];
    private readonly byte[] _regions = new byte[Regions * RegionSize];
    private int _used;

    /// <param name="globalsSymbol">Where the SmGlobals symbol lies (inside ntoskrnl's CACHEALI for the symbol-less scan), or null for kernel pool.</param>
    public TestCompressedStore(TestWindowsImage image, uint build, ulong ownerEprocess, ulong? globalsSymbol = null, int leafFanout = 2)
    {
        Image = image;
        Build = build;
        Layout = StoreLayout.ForBuild(build, out var why) ?? throw new ArgumentException(why, nameof(build));
        OwnerEprocess = ownerEprocess;
        LeafFanout = leafFanout;
        GlobalsSymbol = globalsSymbol ?? image.AllocateKernel(0x200, 16);
    }

    public TestWindowsImage Image { get; }
    public uint Build { get; }
    public StoreLayout Layout { get; }
    public ulong OwnerEprocess { get; }
    public int LeafFanout { get; }
    public ulong GlobalsSymbol { get; }
    public ulong GlobalsBase { get; private set; }
    public ulong Smkm { get; private set; }
    public ulong KeyToStoreRoot { get; private set; }
    public ulong PagesRoot { get; private set; }
    public ulong RegionPointers { get; private set; }

    /// <summary>Per key: its PagesTree leaf, the slot of the pointer that leads to that leaf, and its page record.</summary>
    public Dictionary<uint, ulong> PagesLeaf { get; } = [];
    public Dictionary<uint, ulong> PagesLeafPointer { get; } = [];
    public Dictionary<uint, ulong> RecordAt { get; } = [];

    /// <summary>Per key: the address in MemCompression where its stored bytes begin.</summary>
    public Dictionary<uint, ulong> StoredAt { get; } = [];

    /// <summary>The private VAD MemCompression has over the regions.</summary>
    public VadDescriptor RegionVad => new(RegionBase, RegionBase + Regions * RegionSize - 1, true, true, ReadWrite, 0, 0, 0, null, Kind: "VadS");

    /// <summary>The page key of the PTE for page index <paramref name="pageFileHigh"/> of the virtual store, as the walk searches it.</summary>
    public static uint KeyOf(uint pageFileHigh) => (uint)VirtualStoreNumber << 28 | pageFileHigh;

    /// <summary>The key <paramref name="pageFileHigh"/> is filed under in the store's trees and dictionaries (masked on 24H2+).</summary>
    public uint StoreKey(uint pageFileHigh) => Masked(KeyOf(pageFileHigh));

    /// <summary>The user PTE that says the page is in the store (swizzled as the 1809+ layout stores it).</summary>
    public ulong Pte(uint pageFileHigh) => Image.Pagefile(VirtualStoreNumber, pageFileHigh, ReadWrite);

    /// <summary>Adds a page under PageFileHigh <paramref name="pageFileHigh"/>; <paramref name="stored"/> is used as-is for <see cref="StoredAs.Verbatim"/>.</summary>
    public void Add(uint pageFileHigh, byte[] content, StoredAs how = StoredAs.Compressed, byte[]? stored = null)
    {
        var bytes = how switch
        {
            StoredAs.Compressed => Build >= 26100 ? TestLz4BlockEncoder.Encode(content) : TestXpressEncoder.Encode(content),
            StoredAs.Raw => content,
            StoredAs.Zero => [],
            _ => stored ?? throw new ArgumentNullException(nameof(stored)),
        };
        if (how == StoredAs.Compressed && bytes.Length >= 4096) throw new ArgumentException("the page does not compress; store it raw", nameof(content));
        _pages.Add((pageFileHigh, how, content, bytes));
    }

    /// <summary>
    /// <paramref name="count"/> private pages at <paramref name="userPages"/> in the shared address space, page i in the
    /// store under PageFileHigh <paramref name="firstHigh"/> + i: text compressed, <see cref="RawPage"/> stored raw,
    /// <see cref="ZeroPage"/> a zero page. Returns each page's content.
    /// </summary>
    public byte[][] AddPrivatePages(ulong userPages, int count, uint firstHigh)
    {
        var contents = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var (content, how) = i switch
            {
                RawPage => (CompressionTestPages.Binary(i), StoredAs.Raw),
                ZeroPage => (new byte[4096], StoredAs.Zero),
                _ => (CompressionTestPages.Text(i), StoredAs.Compressed),
            };
            contents[i] = content;
            Add(firstHigh + (uint)i, content, how);
            Image.SetPte(userPages + (ulong)i * 4096, Pte(firstHigh + (uint)i));
        }
        return contents;
    }

    /// <summary>Region pages valid, in transition and in pagefile 0 in turn.</summary>
    public static RegionPageState InTurn(int regionPage) => (RegionPageState)(regionPage % 3);

    /// <summary>Writes the store; region pages go into the address space <paramref name="processDtb"/>.</summary>
    public void Write(ulong processDtb, Func<int, RegionPageState> regionPage)
    {
        var records = new List<(uint Key, uint RecordKey, uint Size)>();
        foreach (var (high, how, _, stored) in _pages)
        {
            var region = _used / RegionSize;
            if ((_used % RegionSize) + stored.Length > RegionSize) _used = (region + 1) * RegionSize;
            if (_used + stored.Length > _regions.Length) throw new InvalidOperationException("the test regions are full");
            stored.CopyTo(_regions, _used);
            var recordKey = (uint)(_used / RegionSize) << RegionShift | (uint)(_used % RegionSize) >> 4;
            var size = how switch { StoredAs.Raw => 0x1000u, StoredAs.Zero => 0u, _ => (uint)stored.Length };
            records.Add((Masked(KeyOf(high)), recordKey, size));
            StoredAt[Masked(KeyOf(high))] = RegionBase + (ulong)_used;
            _used = (_used + stored.Length + 15) & ~15;
        }
        WriteRegions(processDtb, regionPage);
        WriteStore(records);
    }

    private uint Masked(uint key) => key & Layout.KeyMask;

    private void WriteRegions(ulong dtb, Func<int, RegionPageState> regionPage)
    {
        for (var page = 0; page < _regions.Length / 4096; page++)
        {
            var va = RegionBase + (ulong)page * 4096;
            var content = _regions.AsSpan(page * 4096, 4096);
            var pte = regionPage(page) switch
            {
                RegionPageState.Transition => Image.Transition(Image.FrameWith(content), ReadWrite),
                RegionPageState.Pagefile => Image.Pagefile(0, Image.PagefilePage(content), ReadWrite),
                _ => TestWindowsImage.Valid(Image.FrameWith(content)),
            };
            Image.WritePhysical64(Image.EntryAddress(dtb, va, 0), pte);
        }
    }

    private void WriteStore(List<(uint Key, uint RecordKey, uint Size)> records)
    {
        records.Sort((a, b) => a.Key.CompareTo(b.Key));
        // SM_GLOBALS: on 22H2+ the symbol holds a pointer RebaseDelta bytes into the structure.
        GlobalsBase = Layout.RebasePointer is { } field ? Image.AllocateKernel(0x200, 16) : GlobalsSymbol;
        if (Layout.RebasePointer is { } f) Image.WriteKernel64(GlobalsSymbol + (ulong)f, GlobalsBase + Layout.RebaseDelta);
        var metadataPool = Image.AllocateKernel(0x10 + 32 * MetadataEntrySize, 16);
        Image.WriteKernel(metadataPool + 4, "smSa"u8);
        // Store index 33: metadata array 1, entry 1. Array 0 is the smSa allocation the symbol-less scan checks.
        var metadataArray1 = Image.AllocateKernel(32 * MetadataEntrySize, 16);
        Image.WriteKernel64(GlobalsBase, metadataPool + 0x10);
        Image.WriteKernel64(GlobalsBase + 8 * (StoreIndex >> 5), metadataArray1);
        var metadata = metadataArray1 + (StoreIndex & 0x1F) * MetadataEntrySize;

        Smkm = Image.AllocateKernel(Layout.OwnerProcess + 0x10, 16);
        Image.WriteKernel64(metadata + MetadataSmkmStore, Smkm);
        Image.WriteKernel64(metadata + MetadataOwnerProcess, OwnerEprocess);
        Image.WriteKernel64(Smkm + (ulong)Layout.OwnerProcess, OwnerEprocess);
        if (Layout.CompressionAlgorithm is { } algorithm) Image.WriteKernel(Smkm + (ulong)algorithm, BitConverter.GetBytes((ushort)3));
        Image.WriteKernel(Smkm + RegionSizeMask, BitConverter.GetBytes(RegionSizeMaskValue));
        Image.WriteKernel(Smkm + RegionIndexMask, BitConverter.GetBytes((uint)RegionShift));
        RegionPointers = Image.AllocateKernel(8 * RegionSlots, 8);
        for (var r = 0; r < Regions; r++) Image.WriteKernel64(RegionPointers + (ulong)r * 8, RegionBase + (ulong)r * RegionSize);
        Image.WriteKernel64(Smkm + (ulong)Layout.CompressedRegionPtrArray, RegionPointers);

        // Chunk 1 (encoded region keys 2 and 3) has two record arrays; page i goes to array i % 2, record i / 2.
        var chunk = Smkm + ChunkMetadata;
        var chunkOne = Image.AllocateKernel(2 * ChunkEntrySize, 16);
        Image.WriteKernel64(chunk + 8, chunkOne);
        Image.WriteKernel(chunk + ChunkBitValue, BitConverter.GetBytes((uint)BitValue));
        Image.WriteKernel(chunk + ChunkPerChunkMask, BitConverter.GetBytes((1u << BitValue) - 1));
        Image.WriteKernel(chunk + ChunkPageRecordSize, BitConverter.GetBytes((uint)RecordSize));
        Image.WriteKernel(chunk + ChunkPageHeaderSize, BitConverter.GetBytes((uint)RecordArrayHeader));
        var perArray = (records.Count + 1) / 2;
        ulong[] arrays = [Image.AllocateKernel(RecordArrayHeader + RecordSize * Math.Max(perArray, 1), 16), Image.AllocateKernel(RecordArrayHeader + RecordSize * Math.Max(perArray, 1), 16)];
        Image.WriteKernel64(chunkOne, arrays[0]);
        Image.WriteKernel64(chunkOne + ChunkEntrySize, arrays[1]);
        var regionKeys = new List<(uint Key, uint Value)>();
        for (var i = 0; i < records.Count; i++)
        {
            var (key, recordKey, size) = records[i];
            var regionKey = (uint)(2 + (i % 2)) << BitValue | (uint)(i / 2);
            var at = arrays[i % 2] + RecordArrayHeader + (ulong)(RecordSize * (i / 2));
            var record = new byte[12];
            BinaryPrimitives.WriteUInt32LittleEndian(record, recordKey);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), size);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), 0xFFFF_FFFF);
            Image.WriteKernel(at, record);
            RecordAt[key] = at;
            regionKeys.Add((key, regionKey));
        }
        PagesRoot = WriteTree(regionKeys, pageAlignedRoot: false, PagesLeaf, PagesLeafPointer);
        Image.WriteKernel64(Smkm + PagesTree, PagesRoot);
        KeyToStoreRoot = WriteTree(records.Select(r => (r.Key, StoreIndex)).ToList(), pageAlignedRoot: true, null, null);
        Image.WriteKernel64(GlobalsBase + KeyToStoreTree, KeyToStoreRoot);
    }

    /// <summary>A B+tree over sorted <paramref name="entries"/>: leaves of <see cref="LeafFanout"/>, inner nodes of up to 4 children.</summary>
    private ulong WriteTree(List<(uint Key, uint Value)> entries, bool pageAlignedRoot, Dictionary<uint, ulong>? leafOf, Dictionary<uint, ulong>? pointerTo)
    {
        var level = new List<(uint FirstKey, ulong Node, uint[] Keys)>();
        for (var i = 0; i < entries.Count; i += LeafFanout)
        {
            var part = entries.Skip(i).Take(LeafFanout).ToList();
            var node = Image.AllocateKernel(StoreBTree.NodeHeader + part.Count * StoreBTree.LeafEntrySize, 16);
            var bytes = new byte[StoreBTree.NodeHeader + part.Count * StoreBTree.LeafEntrySize];
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)part.Count);
            bytes[3] = 1;
            for (var k = 0; k < part.Count; k++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(StoreBTree.NodeHeader + k * 8), part[k].Key);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(StoreBTree.NodeHeader + k * 8 + 4), part[k].Value);
                if (leafOf is not null) leafOf[part[k].Key] = node;
            }
            Image.WriteKernel(node, bytes);
            level.Add((part[0].Key, node, part.Select(p => p.Key).ToArray()));
        }
        for (byte height = 1; level.Count > 1 || (pageAlignedRoot && height == 1); height++)
        {
            var next = new List<(uint FirstKey, ulong Node, uint[] Keys)>();
            for (var i = 0; i < level.Count; i += 4)
            {
                var children = level.Skip(i).Take(4).ToList();
                var isRoot = level.Count <= 4;
                // With one child the node is all leftChild, but count must be at least 1: that child gets an entry as well.
                var count = Math.Max(children.Count - 1, 1);
                var bytes = new byte[StoreBTree.NodeHeader + count * StoreBTree.InnerEntrySize];
                var node = isRoot && pageAlignedRoot ? Image.AllocateKernel(4096, 4096) : Image.AllocateKernel(bytes.Length, 16);
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)count);
                bytes[2] = height;
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), children[0].Node);
                Note(pointerTo, children[0].Keys, node + 8);
                for (var k = 1; k < children.Count; k++)
                {
                    var at = StoreBTree.NodeHeader + (k - 1) * StoreBTree.InnerEntrySize;
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), children[k].FirstKey);
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at + 8), children[k].Node);
                    Note(pointerTo, children[k].Keys, node + (ulong)at + 8);
                }
                if (children.Count == 1)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(StoreBTree.NodeHeader), children[0].FirstKey);
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(StoreBTree.NodeHeader + 8), children[0].Node);
                }
                Image.WriteKernel(node, bytes);
                next.Add((children[0].FirstKey, node, children.SelectMany(c => c.Keys).ToArray()));
            }
            level = next;
        }
        return level[0].Node;
    }

    /// <summary>Records, for leaves only, which pointer slot leads to each key's leaf.</summary>
    private static void Note(Dictionary<uint, ulong>? pointerTo, uint[] keys, ulong slot)
    {
        if (pointerTo is null) return;
        foreach (var key in keys) pointerTo.TryAdd(key, slot);
    }
}

using System.Buffers.Binary;

namespace MemFs.Translate.Windows.MemoryCompression;

/// <summary>
/// The compressed store's B+tree (x64): a node is <c>u16 count, u8 level, u8 isLeaf, u32 pad, ptr leftChild</c>, then
/// <c>count</c> entries — leaf <c>{u32 key, u32 value}</c>, inner <c>{u32 key, u32 pad, ptr child}</c>; an inner node
/// is left through the last entry whose key is at most the target (or leftChild when the first key is larger).
/// Bounded: at most <see cref="MaxLevels"/> nodes, each visited once, with no more entries than fit a page.
/// </summary>
internal static class StoreBTree
{
    public const int MaxLevels = 8;
    public const int NodeHeader = 0x10;
    public const int LeafEntrySize = 8;
    public const int InnerEntrySize = 16;
    public const int MaxLeafEntries = (4096 - NodeHeader) / LeafEntrySize;
    public const int MaxInnerEntries = (4096 - NodeHeader) / InnerEntrySize;

    /// <summary>The value stored under <paramref name="key"/>; every node visited is added to <paramref name="path"/>.</summary>
    public static uint Search(StoreMemory memory, ulong root, uint key, string tree, List<string> path)
    {
        var visited = new HashSet<ulong>();
        var node = root;
        Span<byte> header = stackalloc byte[NodeHeader];
        for (var hop = 0; ; hop++)
        {
            StoreMemory.RequireKernelPointer(node, $"{tree} node");
            if (hop >= MaxLevels) throw new StoreWalkException($"{tree} node 0x{node:X}: the tree is deeper than {MaxLevels} levels");
            if (!visited.Add(node)) throw new StoreWalkException($"{tree} node 0x{node:X} is reached twice: the tree has a cycle");
            memory.Read(node, header, $"{tree} node header");
            var count = BinaryPrimitives.ReadUInt16LittleEndian(header);
            var level = header[2];
            var isLeaf = header[3];
            if (isLeaf > 1) throw new StoreWalkException($"{tree} node 0x{node:X}: IsLeaf byte 0x{isLeaf:X2} is neither 0 nor 1");
            var leaf = isLeaf == 1;
            var (size, limit) = leaf ? (LeafEntrySize, MaxLeafEntries) : (InnerEntrySize, MaxInnerEntries);
            if (count == 0) throw new StoreWalkException($"{tree} node 0x{node:X} has no entries");
            if (count > limit) throw new StoreWalkException($"{tree} node 0x{node:X}: count {count} is more than the {limit} {(leaf ? "leaf" : "inner")} entries a page holds");
            var entries = new byte[count * size];
            memory.Read(node + NodeHeader, entries, $"{tree} node entries");
            var chosen = -1;
            uint previous = 0;
            for (var i = 0; i < count; i++)
            {
                var k = BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan(i * size));
                if (i > 0 && k <= previous) throw new StoreWalkException($"{tree} node 0x{node:X}: key 0x{k:X8} of entry {i} does not follow 0x{previous:X8} (keys must ascend)");
                previous = k;
                if (k <= key) chosen = i;
            }
            if (leaf)
            {
                if (chosen < 0 || BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan(chosen * size)) != key)
                    throw new StoreWalkException($"{tree}: key 0x{key:X8} is not in leaf 0x{node:X} ({count} entries): the page is not in this store");
                var value = BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan(chosen * size + 4));
                path.Add($"{tree} leaf 0x{node:X} (level {level}, {count} entries): key 0x{key:X8} = 0x{value:X8}");
                return value;
            }
            var child = chosen < 0 ? BinaryPrimitives.ReadUInt64LittleEndian(header[8..]) : BinaryPrimitives.ReadUInt64LittleEndian(entries.AsSpan(chosen * size + 8));
            path.Add($"{tree} inner 0x{node:X} (level {level}, {count} entries): " +
                     (chosen < 0 ? "first key is larger, leftChild" : $"entry {chosen} key 0x{BinaryPrimitives.ReadUInt32LittleEndian(entries.AsSpan(chosen * size)):X8}") + $" -> 0x{child:X}");
            node = child;
        }
    }
}

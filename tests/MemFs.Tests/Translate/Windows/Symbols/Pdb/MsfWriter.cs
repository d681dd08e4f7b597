using System.Buffers.Binary;
using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>
/// Test-only MSF 7.00 writer: block 0 superblock, blocks 1–2 free-page maps, then each stream's blocks in order,
/// the directory blocks and the block map. A null stream is a nil stream (size 0xFFFFFFFF).
/// </summary>
public static class MsfWriter
{
    public static byte[] Build(IReadOnlyList<byte[]?> streams, int blockSize = 4096)
    {
        var blocks = new List<byte[]> { new byte[blockSize], new byte[blockSize], new byte[blockSize] };
        var streamBlocks = new List<List<uint>>();
        foreach (var s in streams)
        {
            var list = new List<uint>();
            for (var at = 0; s is not null && at < s.Length; at += blockSize)
            {
                var block = new byte[blockSize];
                s.AsSpan(at, Math.Min(blockSize, s.Length - at)).CopyTo(block);
                list.Add((uint)blocks.Count);
                blocks.Add(block);
            }
            streamBlocks.Add(list);
        }

        var dir = new List<byte>();
        void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); dir.AddRange(b); }
        U32((uint)streams.Count);
        foreach (var s in streams) U32(s is null ? 0xFFFFFFFF : (uint)s.Length);
        foreach (var l in streamBlocks) foreach (var b in l) U32(b);
        var dirBytes = dir.ToArray();

        var dirBlocks = new List<uint>();
        for (var at = 0; at < dirBytes.Length; at += blockSize)
        {
            var block = new byte[blockSize];
            dirBytes.AsSpan(at, Math.Min(blockSize, dirBytes.Length - at)).CopyTo(block);
            dirBlocks.Add((uint)blocks.Count);
            blocks.Add(block);
        }
        var map = new byte[blockSize];
        for (var i = 0; i < dirBlocks.Count; i++) BinaryPrimitives.WriteUInt32LittleEndian(map.AsSpan(i * 4), dirBlocks[i]);
        var mapBlock = (uint)blocks.Count;
        blocks.Add(map);

        var super = blocks[0];
        MsfFile.Magic.CopyTo(super);
        BinaryPrimitives.WriteUInt32LittleEndian(super.AsSpan(32), (uint)blockSize);
        BinaryPrimitives.WriteUInt32LittleEndian(super.AsSpan(36), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(super.AsSpan(40), (uint)blocks.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(super.AsSpan(44), (uint)dirBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(super.AsSpan(52), mapBlock);
        return blocks.SelectMany(b => b).ToArray();
    }

    /// <summary>The file offset of the directory (the first directory block) of an MSF this writer built.</summary>
    public static long DirectoryOffset(byte[] msf)
    {
        var blockSize = BinaryPrimitives.ReadUInt32LittleEndian(msf.AsSpan(32));
        var map = BinaryPrimitives.ReadUInt32LittleEndian(msf.AsSpan(52));
        return BinaryPrimitives.ReadUInt32LittleEndian(msf.AsSpan((int)(map * blockSize))) * (long)blockSize;
    }
}

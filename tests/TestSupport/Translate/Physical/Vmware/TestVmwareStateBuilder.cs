using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Translate.Physical.Vmware;

/// <summary>
/// Writes VMware state files: { u32 magic, u32 0, u32 groupCount }, 80-byte group entries { 64-byte name,
/// u64 tags offset, u64 size }, then each group's tags and a zero end tag. Tags are added to the last group.
/// </summary>
internal sealed class TestVmwareStateBuilder(uint magic = 0xBED2BED2)
{
    private readonly List<(string Name, MemoryStream Tags)> _groups = [];

    public uint? GroupCountOverride { get; init; }
    public bool OmitLastEndTag { get; init; }

    private bool NarrowBlockSizes => (magic & 0xF) == 0;

    public TestVmwareStateBuilder Group(string name)
    {
        _groups.Add((name, new MemoryStream()));
        return this;
    }

    public TestVmwareStateBuilder Value(string name, byte[] value, params uint[] indices) => Tag(name, value.Length, indices).Raw(value);

    public TestVmwareStateBuilder Number(string name, ulong value, int size, params uint[] indices)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Value(name, bytes[..size], indices);
    }

    /// <summary>A block ("long") tag: size and in-memory size (u32 in version 0, else u64), u16 padding length, padding, data.</summary>
    public TestVmwareStateBuilder Block(string name, byte[] data, bool compressed = false, ushort padding = 0, ulong? sizeOverride = null, params uint[] indices)
    {
        Tag(name, compressed ? 62 : 63, indices);
        var size = sizeOverride ?? (ulong)data.Length;
        var fields = new byte[NarrowBlockSizes ? 10 : 18];
        if (NarrowBlockSizes)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(fields, (uint)size);
            BinaryPrimitives.WriteUInt32LittleEndian(fields.AsSpan(4), (uint)data.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(fields.AsSpan(8), padding);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(fields, size);
            BinaryPrimitives.WriteUInt64LittleEndian(fields.AsSpan(8), (ulong)data.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(fields.AsSpan(16), padding);
        }
        return Raw(fields).Raw(Enumerable.Repeat((byte)0xCC, padding).ToArray()).Raw(data);
    }

    /// <summary>Group "memory" with regionsCount and per region regionPPN, regionPageNum, regionSize (4-byte values).</summary>
    public TestVmwareStateBuilder MemoryRegions(params (long Ppn, long PageNum, long Pages)[] regions)
    {
        Group("memory").Number("memSize", 1024, 4).Number("regionsCount", (ulong)regions.Length, 4);
        for (var i = 0u; i < regions.Length; i++)
        {
            Number("regionPPN", (ulong)regions[i].Ppn, 4, i);
            Number("regionPageNum", (ulong)regions[i].PageNum, 4, i);
            Number("regionSize", (ulong)regions[i].Pages, 4, i);
        }
        return this;
    }

    private TestVmwareStateBuilder Tag(string name, int valueSize, uint[] indices)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        Raw([(byte)(indices.Length << 6 | valueSize), (byte)nameBytes.Length]).Raw(nameBytes);
        foreach (var index in indices)
        {
            var b = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, index);
            Raw(b);
        }
        return this;
    }

    public TestVmwareStateBuilder Raw(byte[] bytes)
    {
        _groups[^1].Tags.Write(bytes);
        return this;
    }

    public byte[] ToArray()
    {
        var output = new MemoryStream();
        var header = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(header, magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), GroupCountOverride ?? (uint)_groups.Count);
        output.Write(header);
        var table = new byte[_groups.Count * 80];
        output.Write(table);
        for (var i = 0; i < _groups.Count; i++)
        {
            var (name, tags) = _groups[i];
            Encoding.ASCII.GetBytes(name).CopyTo(table, i * 80);
            BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(i * 80 + 64), (ulong)output.Position);
            BinaryPrimitives.WriteUInt64LittleEndian(table.AsSpan(i * 80 + 72), (ulong)tags.Length + 2);
            output.Write(tags.ToArray());
            if (!(OmitLastEndTag && i == _groups.Count - 1)) output.Write([0, 0]);
        }
        var bytes = output.ToArray();
        table.CopyTo(bytes, 12);
        return bytes;
    }

    /// <summary>A .vmem holding each region's physical pages at its page number; pages no region uses are filled with 0xEE.</summary>
    public static byte[] Vmem(long totalPages, params (long Ppn, long PageNum, long Pages)[] regions)
    {
        var vmem = Enumerable.Repeat((byte)0xEE, (int)(totalPages * PhysicalPagePattern.PageSize)).ToArray();
        foreach (var (ppn, pageNum, pages) in regions)
            PhysicalPagePattern.Bytes(ppn * PhysicalPagePattern.PageSize, pages * PhysicalPagePattern.PageSize).CopyTo(vmem, pageNum * PhysicalPagePattern.PageSize);
        return vmem;
    }
}

using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Windows.Symbols.Pdb;

namespace MemFs.Tests.Translate.Windows.Symbols.Pdb;

/// <summary>Test-only TPI stream writer: records are added in type-index order from 0x1000 and padded to 4 bytes.</summary>
internal sealed class TpiBuilder
{
    private readonly List<byte[]> _records = [];

    public uint Next => 0x1000 + (uint)_records.Count;

    public uint Add(LeafKind kind, params byte[][] parts)
    {
        var payload = parts.SelectMany(p => p).ToList();
        var record = new List<byte>();
        record.AddRange(U16((ushort)kind));
        record.AddRange(payload);
        while ((record.Count + 2) % 4 != 0) record.Add((byte)(0xF0 | (4 - (record.Count + 2) % 4)));
        var full = new List<byte>(U16((ushort)record.Count));
        full.AddRange(record);
        _records.Add(full.ToArray());
        return Next - 1;
    }

    /// <summary>Adds a raw record (length and kind included) as it is, for damaged-record tests.</summary>
    public uint AddRaw(byte[] record)
    {
        _records.Add(record);
        return Next - 1;
    }

    public byte[] Build()
    {
        var body = _records.SelectMany(r => r).ToArray();
        var header = new byte[56];
        BinaryPrimitives.WriteUInt32LittleEndian(header, TpiStream.V80);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), 56);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), 0x1000);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), Next);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(16), (uint)body.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(20), 0xFFFF);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(22), 0xFFFF);
        return [.. header, .. body];
    }

    public static byte[] U16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); return b; }
    public static byte[] U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }
    public static byte[] Name(string s) => [.. Encoding.UTF8.GetBytes(s), 0];

    /// <summary>A numeric leaf: the value itself below 0x8000, otherwise LF_ULONG.</summary>
    public static byte[] Numeric(uint v) => v < 0x8000 ? U16((ushort)v) : [.. U16(0x8004), .. U32(v)];

    public static byte[] Member(string name, uint type, uint offset) =>
        [.. U16((ushort)LeafKind.LF_MEMBER), .. U16(3), .. U32(type), .. Numeric(offset), .. Name(name), .. Pad(name, offset)];

    public static byte[] Index(uint next) => [.. U16((ushort)LeafKind.LF_INDEX), .. U16(0), .. U32(next)];

    /// <summary>LF_STRUCTURE: count, property, field list, derived, vshape, size, name, unique name.</summary>
    public static byte[][] Structure(string name, uint fieldList, uint size, ushort count = 1, bool forward = false) =>
        [U16(count), U16((ushort)(0x200 | (forward ? 0x80 : 0))), U32(fieldList), U32(0), U32(0), Numeric(size), Name(name), Name(".?AU" + name + "@@")];

    private static byte[] Pad(string name, uint offset)
    {
        var length = 2 + 2 + 4 + Numeric(offset).Length + Name(name).Length;
        var pad = (4 - length % 4) % 4;
        return Enumerable.Range(0, pad).Select(i => (byte)(0xF0 | (pad - i))).ToArray();
    }
}

using System.Buffers.Binary;
using System.Text;

namespace MemFs.Tests.Translate.Files.Ntfs;

/// <summary>Byte layouts of NTFS structures, for hand-made volumes (test-only; written from the on-disk format).</summary>
internal static class TestNtfsStructures
{
    public const int RecordSize = 1024, IndexBlockSize = 4096;

    /// <summary>An MFT record with the given attributes and update sequence protection applied.</summary>
    public static byte[] Record(ushort flags, IEnumerable<byte[]> attributes, long baseRecord = 0, ushort sequence = 1)
    {
        var r = new byte[RecordSize];
        "FILE"u8.CopyTo(r);
        Put16(r, 4, 0x30); Put16(r, 6, RecordSize / 512 + 1);
        Put16(r, 0x10, sequence); Put16(r, 0x12, 1); Put16(r, 0x14, 0x38); Put16(r, 0x16, flags);
        Put64(r, 0x20, (ulong)baseRecord);
        var position = 0x38;
        foreach (var a in attributes) { a.CopyTo(r, position); position += a.Length; }
        Put32(r, position, 0xFFFFFFFF);
        Put32(r, 0x18, (uint)(position + 8)); Put32(r, 0x1C, RecordSize);
        Protect(r, 0x30);
        return r;
    }

    /// <summary>Moves the last two bytes of every 512-byte block into the update sequence array and stamps the number.</summary>
    public static void Protect(byte[] block, int usaOffset, ushort usn = 1)
    {
        Put16(block, usaOffset, usn);
        for (var i = 1; i <= block.Length / 512; i++)
        {
            block.AsSpan(i * 512 - 2, 2).CopyTo(block.AsSpan(usaOffset + 2 * i));
            Put16(block, i * 512 - 2, usn);
        }
    }

    public static byte[] Resident(uint type, byte[] value, string name = "", ushort id = 0)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name);
        var valueOffset = Align(0x18 + nameBytes.Length);
        var a = new byte[Align(valueOffset + value.Length)];
        Put32(a, 0, type); Put32(a, 4, (uint)a.Length); a[9] = (byte)name.Length; Put16(a, 0x0A, 0x18); Put16(a, 0x0E, id);
        nameBytes.CopyTo(a, 0x18);
        Put32(a, 0x10, (uint)value.Length); Put16(a, 0x14, (ushort)valueOffset);
        value.CopyTo(a, valueOffset);
        return a;
    }

    public static byte[] NonResident(uint type, byte[] runlist, long startVcn, long lastVcn, long allocated, long dataSize, long initialized,
        ushort flags = 0, string name = "", ushort id = 0)
    {
        var nameBytes = Encoding.Unicode.GetBytes(name);
        var runsOffset = Align(0x40 + nameBytes.Length);
        var a = new byte[Align(runsOffset + runlist.Length + 1)];
        Put32(a, 0, type); Put32(a, 4, (uint)a.Length); a[8] = 1; a[9] = (byte)name.Length; Put16(a, 0x0A, 0x40);
        Put16(a, 0x0C, flags); Put16(a, 0x0E, id);
        nameBytes.CopyTo(a, 0x40);
        Put64(a, 0x10, (ulong)startVcn); Put64(a, 0x18, (ulong)lastVcn); Put16(a, 0x20, (ushort)runsOffset);
        Put64(a, 0x28, (ulong)allocated); Put64(a, 0x30, (ulong)dataSize); Put64(a, 0x38, (ulong)initialized);
        runlist.CopyTo(a, runsOffset);
        return a;
    }

    /// <summary>Mapping pairs for (LCN or null for sparse, length) runs.</summary>
    public static byte[] Runlist(params (long? Lcn, long Length)[] runs)
    {
        var bytes = new List<byte>();
        long previous = 0;
        foreach (var (lcn, length) in runs)
        {
            var lengthBytes = Signed(length);
            var offsetBytes = lcn is { } l ? Signed(l - previous) : [];
            if (lcn is { } at) previous = at;
            bytes.Add((byte)(lengthBytes.Length | offsetBytes.Length << 4));
            bytes.AddRange(lengthBytes);
            bytes.AddRange(offsetBytes);
        }
        bytes.Add(0);
        return [.. bytes];
    }

    public static byte[] FileName(long parent, string name, byte nameSpace = 1)
    {
        var v = new byte[0x42 + 2 * name.Length];
        Put64(v, 0, (ulong)parent | 1UL << 48);
        v[0x40] = (byte)name.Length; v[0x41] = nameSpace;
        Encoding.Unicode.GetBytes(name).CopyTo(v, 0x42);
        return v;
    }

    public static byte[] IndexEntry(long file, byte[] key, long? subnode = null)
    {
        var e = new byte[Align(0x10 + key.Length) + (subnode is null ? 0 : 8)];
        Put64(e, 0, (ulong)file | 1UL << 48); Put16(e, 8, (ushort)e.Length); Put16(e, 0x0A, (ushort)key.Length);
        Put16(e, 0x0C, (ushort)(subnode is null ? 0 : 1));
        key.CopyTo(e, 0x10);
        if (subnode is { } vcn) Put64(e, e.Length - 8, (ulong)vcn);
        return e;
    }

    public static byte[] LastEntry(long? subnode = null)
    {
        var e = new byte[subnode is null ? 0x10 : 0x18];
        Put16(e, 8, (ushort)e.Length); Put16(e, 0x0C, (ushort)(2 | (subnode is null ? 0 : 1)));
        if (subnode is { } vcn) Put64(e, 0x10, (ulong)vcn);
        return e;
    }

    public static byte[] IndexRoot(IEnumerable<byte[]> entries)
    {
        var body = entries.SelectMany(e => e).ToArray();
        var v = new byte[0x20 + body.Length];
        Put32(v, 0, 0x30); Put32(v, 4, 1); Put32(v, 8, IndexBlockSize); v[0x0C] = 1;
        Put32(v, 0x10, 0x10); Put32(v, 0x14, (uint)(0x10 + body.Length)); Put32(v, 0x18, (uint)(0x10 + body.Length));
        body.CopyTo(v, 0x20);
        return v;
    }

    public static byte[] IndexBlock(long vcn, IEnumerable<byte[]> entries)
    {
        var body = entries.SelectMany(e => e).ToArray();
        var b = new byte[IndexBlockSize];
        "INDX"u8.CopyTo(b);
        Put16(b, 4, 0x28); Put16(b, 6, IndexBlockSize / 512 + 1); Put64(b, 0x10, (ulong)vcn);
        Put32(b, 0x18, 0x28); Put32(b, 0x1C, (uint)(0x28 + body.Length)); Put32(b, 0x20, IndexBlockSize - 0x18);
        body.CopyTo(b, 0x40);
        Protect(b, 0x28);
        return b;
    }

    public static int Align(int n) => (n + 7) & ~7;
    public static void Put16(byte[] b, int at, int v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)v);
    public static void Put32(byte[] b, int at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
    public static void Put64(byte[] b, int at, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(at), v);

    private static byte[] Signed(long value)
    {
        var n = 1;
        while (n < 8 && (value < -(1L << (8 * n - 1)) || value >= 1L << (8 * n - 1))) n++;
        var bytes = new byte[n];
        for (var i = 0; i < n; i++) bytes[i] = (byte)(value >> (8 * i));
        return bytes;
    }
}

using System.Buffers.Binary;
using System.Text;
using MemFs.Translate.Physical;

namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// A little-endian cursor over one MSF stream, limited to a window (a record) of it. Reading past the window is an
/// <see cref="ImageFormatException"/> that names the file offset, the stream and the record.
/// </summary>
internal sealed class MsfStreamReader
{
    private readonly MsfFile _msf;
    private readonly byte[] _data;
    private readonly string _what;

    public MsfStreamReader(MsfFile msf, int stream, string streamName, byte[] data, int start, int end, string? record = null)
    {
        _msf = msf;
        Stream = stream;
        StreamName = streamName;
        _data = data;
        Start = start;
        End = end;
        Position = start;
        _what = record is null ? $"{streamName} stream {stream}" : $"{streamName} stream {stream}, {record}";
    }

    public int Stream { get; }
    public string StreamName { get; }
    public int Start { get; }
    public int End { get; }
    public int Position { get; set; }
    public int Remaining => End - Position;

    public byte U8() => Take(1, "u8")[0];
    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "u16"));
    public short I16() => BinaryPrimitives.ReadInt16LittleEndian(Take(2, "i16"));
    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "u32"));
    public int I32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4, "i32"));
    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "u64"));
    public long I64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "i64"));
    public ReadOnlySpan<byte> Bytes(int count) => Take(count, $"{count} bytes");
    public void Skip(int count) => Take(count, $"{count} bytes");
    public byte Peek() => Position < End ? _data[Position] : throw Fail(Position, "the record ends where a byte was expected");

    /// <summary>A NUL-terminated UTF-8 string; a missing NUL inside the window is an error.</summary>
    public string CString()
    {
        var span = _data.AsSpan(Position, Remaining);
        var nul = span.IndexOf((byte)0);
        if (nul < 0) throw Fail(Position, "a name runs past the end of the record (no NUL)");
        Position += nul + 1;
        return Encoding.UTF8.GetString(span[..nul]);
    }

    /// <summary>
    /// A CodeView numeric leaf: a u16 below 0x8000 is the value, otherwise a kind (LF_CHAR 0x8000, LF_SHORT,
    /// LF_USHORT, LF_LONG, LF_ULONG, LF_QUADWORD 0x8009, LF_UQUADWORD 0x800A) followed by the value.
    /// </summary>
    public Int128 Numeric()
    {
        var at = Position;
        var leaf = U16();
        if (leaf < 0x8000) return leaf;
        return leaf switch
        {
            0x8000 => (sbyte)U8(),
            0x8001 => I16(),
            0x8002 => U16(),
            0x8003 => I32(),
            0x8004 => U32(),
            0x8009 => I64(),
            0x800A => U64(),
            _ => throw Fail(at, $"unsupported numeric leaf kind 0x{leaf:X4}"),
        };
    }

    /// <summary>A numeric leaf that must be a size or offset in 0..int.MaxValue.</summary>
    public int NumericInt(string what)
    {
        var at = Position;
        var v = Numeric();
        return v >= 0 && v <= int.MaxValue ? (int)v : throw Fail(at, $"{what} {v} is not a valid size or offset");
    }

    /// <summary>An error naming the file offset of stream byte <paramref name="at"/>, the stream and the record.</summary>
    public ImageFormatException Fail(int at, string problem) =>
        _msf.Bad(_msf.FileOffset(Stream, at), $"{_what}, stream offset 0x{at:X}: {problem}");

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
            throw Fail(Position, $"{what} run past the end of the record (at stream offset 0x{End:X})");
        var span = _data.AsSpan(Position, count);
        Position += count;
        return span;
    }
}

using System.Buffers.Binary;
using System.Text;

namespace MemFs.Vfs.Minidump;

/// <summary>Little-endian fields written at absolute file offsets (RVAs) into the dump's rendered prefix.</summary>
internal sealed class MinidumpWriter(byte[] bytes)
{
    public byte[] Bytes => bytes;

    public void U8(long at, byte value) => bytes[at] = value;
    public void U16(long at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((int)at), value);
    public void U32(long at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)at), value);
    public void U64(long at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((int)at), value);

    /// <summary>MINIDUMP_LOCATION_DESCRIPTOR: DataSize, then Rva.</summary>
    public void Location(long at, MinidumpLocation location)
    {
        U32(at, location.Size);
        U32(at + 4, location.Rva);
    }

    public void Raw(long at, ReadOnlySpan<byte> data) => data.CopyTo(bytes.AsSpan((int)at));

    /// <summary>MINIDUMP_STRING: the byte length of the UTF-16 text (without its terminator), the text, a NUL character.</summary>
    public void String(long at, string text)
    {
        var length = Encoding.Unicode.GetBytes(text, bytes.AsSpan((int)at + 4));
        U32(at, (uint)length);
        U16(at + 4 + length, 0);
    }

    /// <summary>The bytes a MINIDUMP_STRING of <paramref name="text"/> takes.</summary>
    public static int StringSize(string text) => 4 + Encoding.Unicode.GetByteCount(text) + 2;
}

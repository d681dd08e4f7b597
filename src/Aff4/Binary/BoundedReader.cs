using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace MemFs.Aff4.Binary;

/// <summary>
/// Little-endian reads of one structure's bytes that refuse to leave its window. It knows which file the bytes came
/// from, the absolute offset of the window's first byte and the structure's name, so a read past the end fails with
/// a message naming the file, the absolute offset, the structure and field, and how many bytes were missing.
/// Field names default to the offset expression at the call site, so named offset constants name themselves.
/// </summary>
public readonly ref struct BoundedReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly BinaryErrorFactory? _error;

    /// <param name="bytes">The structure's bytes.</param>
    /// <param name="file">The file or stream they were read from.</param>
    /// <param name="origin">Absolute offset of <paramref name="bytes"/>[0] in <paramref name="file"/>.</param>
    /// <param name="structure">What the bytes hold, e.g. "DUMP_HEADER64".</param>
    /// <param name="error">Makes the layer's exception; null gives <see cref="InvalidDataException"/>.</param>
    public BoundedReader(ReadOnlySpan<byte> bytes, string file, long origin, string structure, BinaryErrorFactory? error = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(origin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(origin, long.MaxValue - bytes.Length);
        _bytes = bytes;
        _error = error;
        File = file;
        Origin = origin;
        Structure = structure;
    }

    public string File { get; }

    /// <summary>Absolute offset of the window's first byte.</summary>
    public long Origin { get; }

    public string Structure { get; }

    public int Length => _bytes.Length;

    /// <summary>The whole window.</summary>
    public ReadOnlySpan<byte> Span => _bytes;

    /// <summary>True when <paramref name="length"/> bytes at <paramref name="offset"/> lie inside the window.</summary>
    public bool Holds(long offset, long length) => offset >= 0 && length >= 0 && offset <= _bytes.Length - length;

    public byte U8(long offset, [CallerArgumentExpression(nameof(offset))] string field = "") => At(offset, 1, field)[0];

    public ushort U16(long offset, [CallerArgumentExpression(nameof(offset))] string field = "") =>
        BinaryPrimitives.ReadUInt16LittleEndian(At(offset, 2, field));

    public uint U32(long offset, [CallerArgumentExpression(nameof(offset))] string field = "") =>
        BinaryPrimitives.ReadUInt32LittleEndian(At(offset, 4, field));

    public ulong U64(long offset, [CallerArgumentExpression(nameof(offset))] string field = "") =>
        BinaryPrimitives.ReadUInt64LittleEndian(At(offset, 8, field));

    public int I32(long offset, [CallerArgumentExpression(nameof(offset))] string field = "") =>
        BinaryPrimitives.ReadInt32LittleEndian(At(offset, 4, field));

    public long I64(long offset, [CallerArgumentExpression(nameof(offset))] string field = "") =>
        BinaryPrimitives.ReadInt64LittleEndian(At(offset, 8, field));

    public ReadOnlySpan<byte> Bytes(long offset, long length, [CallerArgumentExpression(nameof(offset))] string field = "") =>
        At(offset, length, field);

    /// <summary>A reader over <paramref name="length"/> bytes at <paramref name="offset"/>, named <paramref name="what"/>, keeping absolute offsets.</summary>
    public BoundedReader Slice(long offset, long length, string what)
    {
        var bytes = At(offset, length, what);
        return new BoundedReader(bytes, File, Origin + offset, what, _error);
    }

    /// <summary>ASCII text at <paramref name="offset"/> up to the first NUL, at most <paramref name="maxLength"/> bytes and not past the window.</summary>
    public string Ascii(long offset, int maxLength, [CallerArgumentExpression(nameof(offset))] string field = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        var available = At(offset, Holds(offset, 0) ? Math.Min(maxLength, _bytes.Length - offset) : 0, field);
        var end = available.IndexOf((byte)0);
        return Encoding.ASCII.GetString(end < 0 ? available : available[..end]);
    }

    /// <summary>Exactly <paramref name="characters"/> UTF-16LE characters at <paramref name="offset"/>.</summary>
    public string Utf16(long offset, long characters, [CallerArgumentExpression(nameof(offset))] string field = "") =>
        Encoding.Unicode.GetString(At(offset, Math.Clamp(characters, long.MinValue / 2, long.MaxValue / 2) * 2, field));

    /// <summary>The layer's format exception for a problem at <paramref name="offset"/> of this window.</summary>
    public Exception Error(long offset, string problem)
    {
        var absolute = offset >= 0 && offset <= _bytes.Length ? Origin + offset : Origin;
        return _error?.Invoke(File, absolute, problem) ?? new InvalidDataException($"{File}, offset 0x{absolute:X}: {problem}");
    }

    private ReadOnlySpan<byte> At(long offset, long length, string field)
    {
        if (!Holds(offset, length)) throw Error(offset, OutOfWindow(offset, length, field));
        return _bytes.Slice((int)offset, (int)length);
    }

    private string OutOfWindow(long offset, long length, string field)
    {
        // A qualified constant (Layout.DirectoryTableBase) names its last part.
        if (field.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')) field = field[(field.LastIndexOf('.') + 1)..];
        var name = field.Length == 0 || field == Structure ? Structure : $"{Structure}.{field}";
        var where = offset >= 0 ? $"+0x{offset:X}" : $"{offset}";
        var need = length >= 0 ? $"0x{length:X} bytes" : $"a length of {length}";
        return $"{name} at {where} needs {need}, but {Structure} holds only 0x{_bytes.Length:X} bytes";
    }
}

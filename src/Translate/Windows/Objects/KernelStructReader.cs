using System.Buffers.Binary;
using System.Text;

namespace MemFs.Translate.Windows.Objects;

/// <summary>Reads kernel or process memory as the small typed values structure walkers need; every read can fail.</summary>
public sealed class KernelStructReader(IKernelReader memory)
{
    /// <summary>UNICODE_STRING.Length is a u16, so a name is at most 64 KiB.</summary>
    private const int MaxUnicodeBytes = 0xFFFF;

    public IKernelReader Memory => memory;

    public bool TryU64(ulong va, out ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        var ok = memory.TryRead(va, b, out _);
        value = ok ? BinaryPrimitives.ReadUInt64LittleEndian(b) : 0;
        return ok;
    }

    public bool TryU32(ulong va, out uint value)
    {
        Span<byte> b = stackalloc byte[4];
        var ok = memory.TryRead(va, b, out _);
        value = ok ? BinaryPrimitives.ReadUInt32LittleEndian(b) : 0;
        return ok;
    }

    public bool TryU8(ulong va, out byte value)
    {
        Span<byte> b = stackalloc byte[1];
        var ok = memory.TryRead(va, b, out _);
        value = ok ? b[0] : (byte)0;
        return ok;
    }

    public ulong? U64(ulong va) => TryU64(va, out var v) ? v : null;

    public byte[]? Bytes(ulong va, int length)
    {
        var b = new byte[length];
        return memory.TryRead(va, b, out _) ? b : null;
    }

    /// <summary>An ASCII name of at most <paramref name="max"/> bytes, ending at the first NUL (EPROCESS.ImageFileName).</summary>
    public string? AsciiName(ulong va, int max)
    {
        var b = Bytes(va, max);
        if (b is null) return null;
        var end = Array.IndexOf(b, (byte)0);
        return Encoding.Latin1.GetString(b, 0, end < 0 ? b.Length : end);
    }

    /// <summary>A _UNICODE_STRING (x64: Length u16 at +0, Buffer pointer at +8), or null when unreadable.</summary>
    public string? UnicodeString(ulong va)
    {
        if (!TryU64(va, out var header) || !TryU64(va + 8, out var buffer)) return null;
        var length = (int)(header & 0xFFFF);
        if (length == 0) return "";
        if (length % 2 != 0 || length > MaxUnicodeBytes || buffer == 0) return null;
        var text = Bytes(buffer, length);
        return text is null ? null : Encoding.Unicode.GetString(text);
    }
}

using MemFs.Translate.Windows.Objects;

namespace MemFs.Translate.Windows.Handles;

/// <summary>
/// Names object types from _OBJECT_HEADER.TypeIndex through nt!ObTypeIndexTable (an array of _OBJECT_TYPE pointers).
/// From Windows 10 the stored index is encoded: index = TypeIndex ^ second byte of the header's address ^
/// nt!ObHeaderCookie; before (no cookie in the kernel) it is the index itself.
/// </summary>
internal sealed class ObjectTypes(KernelStructReader kernel, ulong? typeTable, int typeNameOffset, byte? cookie, string cookieSource)
{
    /// <summary>ObTypeIndexTable has 256 slots (a byte indexes it).</summary>
    private readonly Dictionary<byte, string> _names = [];

    public string Decoding => cookie is { } c
        ? $"type = _OBJECT_HEADER.TypeIndex ^ header address byte 1 ^ ObHeaderCookie 0x{c:X2} ({cookieSource})"
        : $"type = _OBJECT_HEADER.TypeIndex ({cookieSource})";

    public byte Decode(byte rawIndex, ulong header) => cookie is { } c ? (byte)(rawIndex ^ (byte)(header >> 8) ^ c) : rawIndex;

    public string Name(byte index)
    {
        if (_names.TryGetValue(index, out var known)) return known;
        string name;
        if (typeTable is not { } table) name = $"type {index} (ObTypeIndexTable is unknown)";
        else if (!kernel.TryU64(table + index * 8UL, out var type) || type < 0xFFFF_8000_0000_0000)
            name = $"type {index} (ObTypeIndexTable[{index}] cannot be read)";
        else name = kernel.UnicodeString(type + (ulong)typeNameOffset) is { Length: > 0 } s ? s : $"type {index} (_OBJECT_TYPE.Name unreadable)";
        return _names[index] = name;
    }
}

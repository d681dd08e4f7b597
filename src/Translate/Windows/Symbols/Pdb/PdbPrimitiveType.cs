namespace MemFs.Translate.Windows.Symbols.Pdb;

/// <summary>
/// Type indices below 0x1000: the low byte is the base type, bits 8–11 the pointer mode (0 direct, 4 32-bit
/// pointer, 6 64-bit pointer), as LLVM's codeview SimpleTypeKind and SimpleTypeMode define them.
/// </summary>
internal static class PdbPrimitiveType
{
    public const uint FirstRecordIndex = 0x1000;

    public static bool IsPrimitive(uint typeIndex) => typeIndex < FirstRecordIndex;

    public static int Mode(uint typeIndex) => (int)(typeIndex >> 8) & 0xF;

    /// <summary>Size in bytes: a pointer's size for modes 4 and 6 (and 1, 2 for near/far), otherwise the base type's; null when unknown.</summary>
    public static int? Size(uint typeIndex) => Mode(typeIndex) switch
    {
        0 => BaseSize(typeIndex & 0xFF),
        1 or 2 => 2,
        3 or 4 or 5 => 4,
        6 => 8,
        _ => null,
    };

    public static string Name(uint typeIndex)
    {
        var name = BaseName(typeIndex & 0xFF);
        return Mode(typeIndex) == 0 ? name : name + "*";
    }

    private static int? BaseSize(uint b) => b switch
    {
        0x03 => 0,
        0x10 or 0x20 or 0x30 or 0x68 or 0x69 or 0x70 or 0x7C => 1,
        0x11 or 0x21 or 0x31 or 0x71 or 0x72 or 0x73 or 0x7A => 2,
        0x08 or 0x12 or 0x22 or 0x32 or 0x40 or 0x74 or 0x75 or 0x7B => 4,
        0x13 or 0x23 or 0x33 or 0x41 or 0x76 or 0x77 => 8,
        0x14 or 0x24 or 0x42 or 0x78 or 0x79 => 16,
        _ => null,
    };

    private static string BaseName(uint b) => b switch
    {
        0x03 => "void",
        0x08 => "HRESULT",
        0x10 => "char",
        0x11 => "short",
        0x12 => "long",
        0x13 => "__int64",
        0x14 => "__int128",
        0x20 => "unsigned char",
        0x21 => "unsigned short",
        0x22 => "unsigned long",
        0x23 => "unsigned __int64",
        0x24 => "unsigned __int128",
        0x30 => "bool",
        0x31 => "bool16",
        0x32 => "bool32",
        0x33 => "bool64",
        0x40 => "float",
        0x41 => "double",
        0x42 => "long double",
        0x68 => "__int8",
        0x69 => "unsigned __int8",
        0x70 => "char",
        0x71 => "wchar_t",
        0x72 => "__int16",
        0x74 => "int",
        0x75 => "unsigned int",
        0x76 => "__int64",
        0x77 => "unsigned __int64",
        0x78 => "__int128",
        0x79 => "unsigned __int128",
        0x73 => "unsigned __int16",
        0x7A => "char16_t",
        0x7B => "char32_t",
        0x7C => "char8_t",
        _ => $"<primitive 0x{b:X2}>",
    };
}

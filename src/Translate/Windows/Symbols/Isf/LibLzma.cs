using System.Runtime.InteropServices;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>The three liblzma entry points the xz decoder needs (Debian package liblzma5).</summary>
internal static unsafe class LibLzma
{
    public const string Library = "liblzma.so.5";

    public const int Ok = 0;
    public const int StreamEnd = 1;
    public const int MemLimitError = 6;
    public const int FormatError = 7;
    public const int DataError = 9;
    public const int BufError = 10;

    public const int ActionFinish = 3;
    public const uint Concatenated = 0x08;

    [DllImport(Library, EntryPoint = "lzma_stream_decoder")]
    public static extern int StreamDecoder(LzmaStream* stream, ulong memoryLimit, uint flags);

    [DllImport(Library, EntryPoint = "lzma_code")]
    public static extern int Code(LzmaStream* stream, int action);

    [DllImport(Library, EntryPoint = "lzma_end")]
    public static extern void End(LzmaStream* stream);
}

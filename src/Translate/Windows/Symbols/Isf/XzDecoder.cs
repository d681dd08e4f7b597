using System.Runtime.InteropServices;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>
/// Decodes an .xz file held in memory through the system liblzma. The output is bounded: an ntkrnlmp ISF is about
/// 7 MB of JSON, so anything past <see cref="DefaultMaxOutput"/> is refused rather than allocated.
/// </summary>
public static unsafe class XzDecoder
{
    public const int DefaultMaxOutput = 64 << 20;

    private static ReadOnlySpan<byte> Magic => [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];

    public static bool IsXz(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    public static byte[] Decompress(ReadOnlySpan<byte> input, int maxOutput = DefaultMaxOutput)
    {
        var stream = (LzmaStream*)NativeMemory.AllocZeroed((nuint)sizeof(LzmaStream));
        try
        {
            Check(Init(stream), "lzma_stream_decoder");
            return Run(stream, input, maxOutput);
        }
        finally
        {
            if (stream->Internal != 0) LibLzma.End(stream);
            NativeMemory.Free(stream);
        }
    }

    private static int Init(LzmaStream* stream)
    {
        try
        {
            return LibLzma.StreamDecoder(stream, ulong.MaxValue, LibLzma.Concatenated);
        }
        catch (DllNotFoundException e)
        {
            throw new IsfFormatException(
                $"xz decoding needs the system library {LibLzma.Library} (Debian/Ubuntu: apt install liblzma5), which could not be loaded; " +
                "alternatively decompress the ISF with `xz -d` and pass the .json file", e);
        }
    }

    private static byte[] Run(LzmaStream* stream, ReadOnlySpan<byte> input, int maxOutput)
    {
        var output = new byte[Math.Min(maxOutput, Math.Max(4096, input.Length * 12))];
        fixed (byte* inputStart = input)
        {
            stream->NextIn = inputStart;
            stream->AvailIn = (nuint)input.Length;
            while (true)
            {
                var written = (int)stream->TotalOut;
                if (written == output.Length)
                {
                    if (output.Length >= maxOutput)
                        throw new IsfFormatException($"xz data decompresses to more than {maxOutput} bytes; refused");
                    Array.Resize(ref output, (int)Math.Min(maxOutput, (long)output.Length * 2));
                }
                int result;
                fixed (byte* outputStart = output)
                {
                    stream->NextOut = outputStart + written;
                    stream->AvailOut = (nuint)(output.Length - written);
                    result = LibLzma.Code(stream, LibLzma.ActionFinish);
                }
                if (result == LibLzma.StreamEnd) return output.AsSpan(0, (int)stream->TotalOut).ToArray();
                if (result == LibLzma.BufError && stream->AvailOut != 0)
                    throw new IsfFormatException("xz data is truncated");
                if (result != LibLzma.Ok && result != LibLzma.BufError) Check(result, "lzma_code");
            }
        }
    }

    private static void Check(int result, string function)
    {
        if (result == LibLzma.Ok) return;
        var reason = result switch
        {
            LibLzma.FormatError => "not xz data",
            LibLzma.DataError => "corrupt xz data",
            LibLzma.MemLimitError => "memory limit reached",
            _ => $"error {result}",
        };
        throw new IsfFormatException($"{function} failed: {reason}");
    }
}

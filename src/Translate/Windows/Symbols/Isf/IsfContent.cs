using System.IO.Compression;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>Unwraps an ISF file's bytes by their magic number: xz, gzip or plain JSON, bounded to 64 MiB of JSON.</summary>
internal static class IsfContent
{
    public static byte[] Decompress(byte[] data, string source)
    {
        try
        {
            if (XzDecoder.IsXz(data)) return XzDecoder.Decompress(data);
            if (data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B) return Gunzip(data);
            if (data.Length >= 3 && data[0] == (byte)'B' && data[1] == (byte)'Z' && data[2] == (byte)'h')
                throw new IsfFormatException("bzip2-compressed ISFs are not supported; decompress with `bunzip2` or recompress with xz");
            return data;
        }
        catch (IsfFormatException e)
        {
            throw new IsfFormatException($"{source}: {e.Message}", e.InnerException);
        }
        catch (InvalidDataException e)
        {
            throw new IsfFormatException($"{source}: {e.Message}", e);
        }
    }

    private static byte[] Gunzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
        return BoundedDecompression.ReadAll(gzip, XzDecoder.DefaultMaxOutput, "gzip");
    }
}

using System.IO.Compression;

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>Unwraps an ISF file's bytes by their magic number: xz, gzip or plain JSON, bounded to 64 MiB of JSON.</summary>
public static class IsfContent
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
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (output.Length + read > XzDecoder.DefaultMaxOutput)
                throw new IsfFormatException($"gzip data decompresses to more than {XzDecoder.DefaultMaxOutput} bytes; refused");
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}

namespace MemFs.Translate.Windows.Symbols.Isf;

/// <summary>Reads a decompressing stream to its end, refusing output past a limit instead of allocating it.</summary>
internal static class BoundedDecompression
{
    public static byte[] ReadAll(Stream decompressed, int maxOutput, string format)
    {
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = decompressed.Read(buffer)) > 0)
        {
            if (output.Length + read > maxOutput)
                throw new IsfFormatException($"{format} data decompresses to more than {maxOutput} bytes; refused");
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }
}

using MemFs.Tests.Mount.Fuse;
using MemFs.Tests.Support;
using MemFs.Vfs.Pictures;
using NUnit.Framework;

namespace MemFs.Tests.Vfs.Pictures;

/// <summary>A PNG as a real decoder sees it: its size and its pixels, R, G, B per pixel, rows top to bottom.</summary>
internal sealed record DecodedPng(int Width, int Height, byte[] Pixels)
{
    public Rgb Pixel(int x, int y)
    {
        var at = ((long)y * Width + x) * 3;
        return new Rgb(Pixels[at], Pixels[at + 1], Pixels[at + 2]);
    }

    /// <summary>Every pixel of the rectangle, row by row.</summary>
    public IEnumerable<Rgb> Rectangle(int x, int y, int width, int height) =>
        from row in Enumerable.Range(y, height) from column in Enumerable.Range(x, width) select Pixel(column, row);
}

/// <summary>
/// Decodes PNG files outside our code: Debian's <c>pngcheck</c> must accept the file (exit 0), then a python3 script
/// that uses only zlib and struct checks every chunk CRC, inflates the IDAT data and undoes the five row filters.
/// A missing pngcheck skips the test on a developer machine and fails it in CI.
/// </summary>
internal static class PngDecoder
{
    private const string Script = """
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        if data[:8] != b'\x89PNG\r\n\x1a\n': sys.exit('no PNG signature')
        pos, header, idat, ended = 8, None, b'', False
        while pos < len(data) and not ended:
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            (crc,) = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])
            if zlib.crc32(kind + body) != crc: sys.exit('bad CRC in ' + kind.decode())
            if kind == b'IHDR': header = struct.unpack('>IIBBBBB', body)
            elif kind == b'IDAT': idat += body
            elif kind == b'IEND': ended = True
            pos += 12 + length
        if header is None or not ended or pos != len(data): sys.exit('missing IHDR or IEND, or bytes after IEND')
        width, height, depth, colour, method, filtering, interlace = header
        if (depth, colour, method, filtering, interlace) != (8, 2, 0, 0, 0): sys.exit('not 8-bit RGB without interlace')
        raw, stride = zlib.decompress(idat), width * 3
        if len(raw) != height * (stride + 1): sys.exit('inflated %d bytes, expected %d' % (len(raw), height * (stride + 1)))
        def paeth(a, b, c):
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            return a if pa <= pb and pa <= pc else b if pb <= pc else c
        out, previous = bytearray(), bytearray(stride)
        for y in range(height):
            start = y * (stride + 1)
            kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
            for i in range(stride if kind else 0):
                left = line[i - 3] if i >= 3 else 0
                up, corner = previous[i], previous[i - 3] if i >= 3 else 0
                if kind == 1: line[i] = (line[i] + left) & 255
                elif kind == 2: line[i] = (line[i] + up) & 255
                elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
                elif kind == 4: line[i] = (line[i] + paeth(left, up, corner)) & 255
                else: sys.exit('bad filter type %d in row %d' % (kind, y))
            out += line
            previous = line
        open(sys.argv[2], 'wb').write(out)
        print(width, height)
        """;

    public static DecodedPng Decode(byte[] png)
    {
        var file = Path.GetTempFileName();
        var pixels = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, png);
            Check(file);
            var python = Shell.Run("python3", "-c", Script, file, pixels);
            Assert.That(python.ExitCode, Is.Zero, $"python3 PNG decoder: {python.Stderr}");
            var size = python.Stdout.Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            return new DecodedPng(size[0], size[1], File.ReadAllBytes(pixels));
        }
        finally
        {
            File.Delete(file);
            File.Delete(pixels);
        }
    }

    /// <summary>Renders a picture, encodes it and decodes it again.</summary>
    public static DecodedPng RoundTrip(RgbImage image) => Decode(PngEncoder.Encode(image));

    private static void Check(string file)
    {
        var pngcheck = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':')
            .Select(d => Path.Combine(d, "pngcheck")).FirstOrDefault(File.Exists);
        if (pngcheck is null)
        {
            const string message = "pngcheck missing (apt-get install pngcheck)";
            if (SharedData.IsCi) Assert.Fail(message);
            else Assert.Ignore(message);
        }
        var result = Shell.Run(pngcheck!, file);
        Assert.That(result.ExitCode, Is.Zero, $"pngcheck: {result.Stdout}{result.Stderr}");
    }
}

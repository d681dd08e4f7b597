namespace MemFs.Vfs.Pictures;

/// <summary>
/// A picture being drawn: <see cref="Width"/> × <see cref="Height"/> pixels, 3 bytes (R, G, B) each, rows top to
/// bottom. The size is bounded (<see cref="MaxWidth"/>, <see cref="MaxHeight"/>, <see cref="MaxPixels"/>) and
/// checked before the buffer is allocated, so an absurd request is an <see cref="ArgumentException"/>, not an
/// out-of-memory failure inside a file system read.
/// </summary>
internal sealed class RgbImage
{
    public const int MaxWidth = 16384;
    public const int MaxHeight = 131072;

    /// <summary>64 Mi pixels: a 192 MiB buffer.</summary>
    public const long MaxPixels = 1L << 26;

    private readonly byte[] _pixels;

    public RgbImage(int width, int height, Rgb background)
    {
        if (width < 1 || height < 1 || width > MaxWidth || height > MaxHeight || (long)width * height > MaxPixels)
            throw new ArgumentException(
                $"a {width} x {height} picture is outside the limits: 1 to {MaxWidth} x 1 to {MaxHeight} pixels and at most {MaxPixels:N0} pixels in all");
        Width = width;
        Height = height;
        _pixels = new byte[(long)width * height * 3];
        FillRectangle(0, 0, width, height, background);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row <paramref name="y"/> as R, G, B bytes, left to right.</summary>
    public ReadOnlySpan<byte> Row(int y) => _pixels.AsSpan(RowStart(y), Width * 3);

    public Rgb GetPixel(int x, int y)
    {
        var at = PixelStart(x, y);
        return new Rgb(_pixels[at], _pixels[at + 1], _pixels[at + 2]);
    }

    /// <summary>Sets one pixel; a position outside the picture is an <see cref="ArgumentOutOfRangeException"/>.</summary>
    public void SetPixel(int x, int y, Rgb colour)
    {
        var at = PixelStart(x, y);
        _pixels[at] = colour.R;
        _pixels[at + 1] = colour.G;
        _pixels[at + 2] = colour.B;
    }

    /// <summary>Fills a rectangle, clipped to the picture (drawing partly or wholly outside it is not an error).</summary>
    public void FillRectangle(int x, int y, int width, int height, Rgb colour)
    {
        var left = Math.Max(x, 0);
        var top = Math.Max(y, 0);
        var right = (int)Math.Min((long)x + width, Width);
        var bottom = (int)Math.Min((long)y + height, Height);
        if (left >= right || top >= bottom) return;
        var first = _pixels.AsSpan(PixelStart(left, top), (right - left) * 3);
        for (var i = 0; i < first.Length; i += 3)
        {
            first[i] = colour.R;
            first[i + 1] = colour.G;
            first[i + 2] = colour.B;
        }
        for (var row = top + 1; row < bottom; row++)
            first.CopyTo(_pixels.AsSpan(PixelStart(left, row), first.Length));
    }

    private int RowStart(int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        return y * Width * 3;
    }

    private int PixelStart(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        return RowStart(y) + x * 3;
    }
}

namespace MemFs.Vfs.Pictures;

/// <summary>
/// Where each byte goes in a one-pixel-per-byte picture, as in colorize's wide mode: <see cref="Width"/> = 512
/// columns of <see cref="Height"/> = ceil(length / 512) pixels (at least 1); byte i is at x = i / Height,
/// y = i % Height, so data runs top to bottom, then on in the next column to the right. At most
/// <see cref="MaxLength"/> = 32 MiB (512 × 65536 pixels); a longer input is refused with an
/// <see cref="ArgumentException"/> rather than scaled, because a scaled picture would no longer show bytes.
/// </summary>
internal sealed class ByteColumnLayout
{
    public const int Width = 512;
    public const long MaxLength = Width * 65536L;

    public ByteColumnLayout(long length)
    {
        if (length is < 0 or > MaxLength)
            throw new ArgumentException($"{length:N0} bytes are too many for a one-pixel-per-byte picture (at most {MaxLength:N0})", nameof(length));
        Length = length;
        Height = (int)Math.Max(1, (length + Width - 1) / Width);
    }

    public long Length { get; }

    public int Height { get; }

    public (int X, int Y) PixelOf(long index) => ((int)(index / Height), (int)(index % Height));

    /// <summary>The byte shown at (x, y); at or past <see cref="Length"/> for padding pixels.</summary>
    public long IndexAt(int x, int y) => (long)x * Height + y;
}

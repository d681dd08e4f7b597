namespace MemFs.Vfs.Pictures;

/// <summary>
/// <c>executable.png</c>: one pixel per byte in <see cref="ByteColumnLayout"/> (512 wide, ceil(length / 512)
/// high, at most 32 MiB of input), coloured by <see cref="BytePalette"/>; pixels past the last byte are
/// <see cref="PictureColours.Padding"/>.
/// </summary>
internal static class BytePicture
{
    public static RgbImage Render(ReadOnlySpan<byte> bytes)
    {
        var layout = new ByteColumnLayout(bytes.Length);
        var image = new RgbImage(ByteColumnLayout.Width, layout.Height, PictureColours.Padding);
        // Row by row: the input is read with a stride, the larger RGB buffer is written in order.
        for (var y = 0; y < layout.Height; y++)
        for (var x = 0; x < ByteColumnLayout.Width; x++)
        {
            var i = layout.IndexAt(x, y);
            if (i >= bytes.Length) break;
            image.SetPixel(x, y, BytePalette.Of(bytes[(int)i]));
        }
        return image;
    }
}

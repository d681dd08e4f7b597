namespace MemFs.Vfs.Pictures;

/// <summary>The colours every picture shares: white background, black text, and mid-grey padding.</summary>
internal static class PictureColours
{
    public static readonly Rgb Background = new(255, 255, 255);
    public static readonly Rgb Text = new(0, 0, 0);

    /// <summary>
    /// Pixels of a byte area past the last byte. Grey has three equal, non-extreme channels, which no
    /// <see cref="BytePalette"/> colour has, so the end of the data stays visible.
    /// </summary>
    public static readonly Rgb Padding = new(128, 128, 128);
}

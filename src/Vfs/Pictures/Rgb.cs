namespace MemFs.Vfs.Pictures;

/// <summary>An 8-bit-per-channel colour, the only pixel format the pictures use.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public override string ToString() => $"#{R:X2}{G:X2}{B:X2}";
}

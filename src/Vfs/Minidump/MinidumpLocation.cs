namespace MemFs.Vfs.Minidump;

/// <summary>MINIDUMP_LOCATION_DESCRIPTOR: <see cref="Size"/> bytes at file offset <see cref="Rva"/> (both 32-bit).</summary>
internal readonly record struct MinidumpLocation(uint Size, uint Rva)
{
    public static readonly MinidumpLocation None = new(0, 0);
}

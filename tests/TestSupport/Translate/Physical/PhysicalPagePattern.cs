namespace MemFs.Tests.Translate.Physical;

/// <summary>
/// Known physical memory contents: every 4 KiB page starts with its own physical address as a u64,
/// followed by a pattern that differs per page, so any misplaced byte shows.
/// </summary>
internal static class PhysicalPagePattern
{
    public const int PageSize = 4096;

    public static byte ByteAt(long address)
    {
        var page = address & ~(long)(PageSize - 1);
        var within = (int)(address - page);
        return within < 8 ? (byte)(page >> (8 * within)) : (byte)((page >> 12) * 131 + within * 7 + 1);
    }

    public static byte[] Bytes(long start, long length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++) bytes[i] = ByteAt(start + i);
        return bytes;
    }
}

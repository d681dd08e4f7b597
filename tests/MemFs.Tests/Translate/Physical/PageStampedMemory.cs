using System.Buffers.Binary;

namespace MemFs.Tests.Translate.Physical;

/// <summary>Test pages that say where they belong: each 4 KiB page starts with its physical address, then a pattern.</summary>
public static class PageStampedMemory
{
    public static byte[] Pages(long physicalStart, int pageCount)
    {
        var data = new byte[pageCount * 4096];
        for (var p = 0; p < pageCount; p++)
        {
            var page = data.AsSpan(p * 4096, 4096);
            var address = physicalStart + p * 4096L;
            BinaryPrimitives.WriteInt64LittleEndian(page, address);
            for (var i = 8; i < 4096; i++) page[i] = (byte)(address / 4096 * 31 + i);
        }
        return data;
    }

    /// <summary>The bytes a correct reader returns for [address, address + length) of stamped memory.</summary>
    public static byte[] Expected(long address, int length)
    {
        var first = address / 4096;
        var last = (address + length - 1) / 4096;
        var pages = Pages(first * 4096, (int)(last - first + 1));
        return pages.AsSpan((int)(address - first * 4096), length).ToArray();
    }
}
